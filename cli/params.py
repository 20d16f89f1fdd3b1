"""The command line's help option and path type, worded here rather than through gettext.

click asks gettext for the words of every command's -h/--help option and of each
click.Path ("file", "directory"), and gettext's first question imports locale: together
about 5 M instructions of every `pathfit recommend`, a sixtieth of it. pathfit's text is
English only, so these say click's English words themselves, with click's checks, in
click's order: `pathfit -h` and every error read as before (tests/test_params.py).
"""
from __future__ import annotations

import os
import stat
import sys
from typing import NoReturn

import click

HELP = "Show this message and exit."


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click's help callback, step for step."""
    if value and not ctx.resilient_parsing:
        try:
            click.echo(ctx.get_help(), file=sys.stdout, color=ctx.color)  # as written, never click's UTF-8 stand-in
        except OSError as exc:
            from .streams import failed

            raise failed(exc) from None
        ctx.exit()


class _OwnHelp:
    """get_help_option (a documented click.Command method) with the option made here, once
    per command, as click makes and keeps its own: click orders eager parameters by the
    option object, so the same one must come back each time. And a command line click cannot
    read refused as PF600 (cli/usage_error.py) wherever click finds it: parsing a command's
    options and arguments, in the context it makes for them, or invoking it (a group finding its subcommand, a
    command's own refusal). And, under `python -OO`, which drops docstrings, a command's help
    read back from its source. One mixin, not three: each class made costs every start-up."""

    if sys.flags.optimize >= 2:  # made only then: every other start-up calls click's own __init__
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.help is None and self.callback is not None:
                from .stripped_help import docstring_of

                self.help = docstring_of(self.callback)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        key = tuple(names)  # a command run alone, outside the group, has click's own names
        kept = self.__dict__.get("_pathfit_help")
        if kept is None or kept[0] != key:
            kept = self._pathfit_help = key, click.Option(names, is_flag=True, is_eager=True, expose_value=False,
                                                          callback=_show_help, help=HELP)
        return kept[1]

    def make_parser(self, ctx: click.Context):
        parser = super().make_parser(ctx)
        if ctx.meta.get(NOT_ASCII):  # only a value not ASCII can hold a byte the locale did not read
            from .typed_args import read_as_typed

            read_as_typed(parser, {p.name for p in self.params if isinstance(p.type, (FilePath, click.Path, click.File))})
        if not ctx.resilient_parsing:  # completing a word refuses nothing
            _one_value_each(parser, self, ctx)
        return parser

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not all(map(str.isascii, args)):
            ctx.meta[NOT_ASCII] = True
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            from .usage_error import coded

            if exc.ctx is None:  # click's parser raises an option's missing value without it
                exc.ctx, exc.cmd = ctx, ctx.command
            raise coded(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            from .usage_error import coded

            raise coded(exc) from None


NOT_ASCII = "pathfit.not_ascii"  # ctx.meta's mark: some argument typed is not ASCII (cli/typed_args.py)


def _one_value_each(parser, command: click.Command, ctx: click.Context) -> None:
    """Make `parser` refuse an option taking one value given again with another, which click
    settles by keeping the last (cli/given_twice.py). The parse's order lists an option once
    each time it is given, so a command line giving each once costs one set here."""
    parse = parser.parse_args

    def parse_once(args: list[str]):
        typed = list(args)  # the parse takes the arguments off `args`
        opts, rest, order = parse(args)
        if len(order) != len(set(order)):  # some option given again: a flag, --fact, ... or a refusal
            from .given_twice import refuse_repeats

            refuse_repeats(command, ctx, typed, order)
        return opts, rest, order

    parser.parse_args = parse_once


class Command(_OwnHelp, click.Command):
    """A pathfit command: `@click.command(cls=Command)`."""


class Group(_OwnHelp, click.Group):
    """A pathfit command group: `@click.group(cls=Group)`; its commands are Commands."""

    command_class = Command
    group_class = type  # a subgroup is of the group's own class


class FilePath(click.ParamType):
    """click.Path(file_okay, dir_okay, allow_dash) as pathfit uses it: a path that need not
    exist; one that does must be of a kind allowed and readable; with `allow_dash`, '-' is a
    standard stream. Its name (the metavar FILE, DIRECTORY or PATH), its checks, their words
    and its shell completion are click.Path's.
    With `checked=False` the path is taken as given, of whatever kind: for a command whose
    reader reports a path of the wrong kind as pathfit's located `file:0:0: CODE: message`
    (exit status 2) rather than as click's usage error; name and completion stay the same."""

    envvar_list_splitter = os.path.pathsep

    def __init__(self, file_okay: bool = True, dir_okay: bool = True, allow_dash: bool = False,
                 checked: bool = True):
        self.file_okay, self.dir_okay, self.allow_dash, self.checked = file_okay, dir_okay, allow_dash, checked
        self.name = "file" if file_okay and not dir_okay else "directory" if dir_okay and not file_okay else "path"

    def convert(self, value, param: click.Parameter | None, ctx: click.Context | None):
        if value == "" and not (ctx is not None and ctx.resilient_parsing):
            _empty(self.name, param)
        if not self.checked or (self.file_okay and self.allow_dash and value == "-"):
            return value
        try:
            st = os.stat(value)
        except OSError:
            return value  # need not exist
        if not self.file_okay and stat.S_ISREG(st.st_mode):
            problem = "is a file"
        elif not self.dir_okay and stat.S_ISDIR(st.st_mode):
            problem = "is a directory"
        elif not os.access(value, os.R_OK):
            problem = "is not readable"
        else:
            return value
        from pathfit.engine.quote import quote  # loaded for a message only: never on a decision's way

        self.fail(f"{self.name.title()} {quote(click.format_filename(value))} {problem}.", param, ctx)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="dir" if self.dir_okay and not self.file_okay else "file")]


def _name(param: click.Parameter | None) -> str:
    """How a refusal names a parameter: an option by its longest name, an argument by its metavar."""
    if param is None:
        return "PATH"
    return max(param.opts, key=len) if isinstance(param, click.Option) else param.human_readable_name


def _refuse(*refusals: tuple[str, str]) -> NoReturn:
    """PF613 at each (name, message), every one at once, exit status 2: the command line's own
    refusals, before anything is read or written."""
    from pathfit.engine.errors import PathfitError, Pos, Problem

    from .common import fail_with

    fail_with(PathfitError([Problem("PF613", message, Pos(name)) for name, message in refusals]))


def _empty(kind: str, param: click.Parameter | None) -> NoReturn:
    """An empty path (`--record "$OUT"` with OUT unset) is refused as PF613 at the option's
    name, on every command: taken as no path it skipped the record or the audit log without a
    word, read the default rules or an empty profile, and `schema --out ""` wrote into the
    working directory; and the system itself names no file ''."""
    names = {"file": "file", "directory": "directory"}.get(kind, "file or directory")
    _refuse((_name(param), f"{_name(param)} is an empty path, which names no {names}"))


def not_empty(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option's callback for a value that selects or names something (`--id "$ID"`):
    given empty, PF613 at the option's name. Taken as not given, an empty --id replayed every
    record, an empty filter listed every record, and an empty --subject none, with status 0."""
    if value == "" and not ctx.resilient_parsing:
        _refuse((_name(param), f"{_name(param)} is empty; give a value or leave the option out"))
    return value


def a_name(ctx: click.Context, param: click.Parameter, value):
    """An option's callback for a value naming an outcome or a rule (one, or a tuple for a
    repeated option): the blanks around it taken off, as `--fact` and a CSV cell take them off
    (engine.pipeline.value_text.BLANKS). No name has blanks at its ends, so `--why-not " coaching"`
    can mean only coaching; refused, it was told to mean what it says, and `audit show --rule " x"`
    listed no records, status 0. What is left is judged as typed: blanks alone are then empty."""
    if value is None or value == () or ctx.resilient_parsing:  # not given: nothing loaded for it
        return value
    from pathfit.engine.pipeline.value_text import BLANKS

    return tuple(v.strip(BLANKS) for v in value) if isinstance(value, tuple) else value.strip(BLANKS)


def a_given_name(ctx: click.Context, param: click.Parameter, value):
    """a_name, then not_empty: a filter naming a rule or an outcome (one, or a tuple for a repeated
    option), refused where nothing is left, as PF613, not as a name the rule set lacks."""
    value = a_name(ctx, param, value)
    for one in value if isinstance(value, tuple) else (value,):
        not_empty(ctx, param, one)
    return value


def not_nan(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """An option's callback for a number click read as a float: NaN (`nan`, which Python's float
    reads) is refused as PF613 at the option's name. A FloatRange lets it through, since NaN
    compares with neither end: `serve --timeout nan` served with a time limit of NaN seconds,
    and every answer not ready at once was cut off."""
    if value is not None and value != value and not ctx.resilient_parsing:
        _refuse((_name(param), f"{_name(param)} takes a number; nan is not one"))
    return value


def refuse_idle(*checks: tuple[bool, str, str]) -> None:
    """Refuse options given where they can do nothing: each check is (whether the option was
    given where it has no effect, its name, what it applies to), every one that holds PF613 at
    the option's name, exit status 2, before anything is read or written. Accepted, such an
    option was dropped without a word: `--subject` with no record to keep it in was never kept
    anywhere, and `lint --list-checks --format json` printed text to a script reading JSON."""
    idle = [(name, message) for given, name, message in checks if given]
    if idle:
        _refuse(*idle)


class Choice(click.Choice):
    """click's Choice, with a did-you-mean for a near miss (`--format jsno`): an option's fixed
    value is a name typed, as a fact or a rule id is, and gets the hint they get. The hint is
    worked out only when a value is refused."""

    def convert(self, value, param: click.Parameter | None, ctx: click.Context | None):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as err:
            from pathfit.engine.errors import did_you_mean

            hint = did_you_mean(value, self.choices) if isinstance(value, str) else ""
            if not hint:
                raise
            self.fail(f"{err.message}{hint}", param, ctx)
