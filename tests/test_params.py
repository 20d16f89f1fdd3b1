"""cli/params.py says click's English words itself, so that no `pathfit` command asks
gettext (whose first question imports locale). Held here to click's own: FilePath checks and
words a path as click.Path does, and every command's help page, with its -h/--help option,
is the one click's own Command class would print for it. That a recommend no longer imports
locale is pinned in tests/test_startup.py (a fresh process: click keeps its help options)."""
from __future__ import annotations

import click
import pytest

from pathfit.cli.main import COMMANDS, cli
from pathfit.cli.params import FilePath


def _outcome(kind, value):
    try:
        return "ok", kind.convert(value, None, None)
    except click.BadParameter as exc:
        return "error", exc.format_message()


@pytest.mark.parametrize("file_okay, dir_okay, allow_dash", [
    (True, False, True), (True, False, False), (False, True, False), (True, True, False), (False, True, True)])
def test_a_file_path_is_checked_and_worded_as_click_path_does(tmp_path, file_okay, dir_okay, allow_dash):
    (tmp_path / "a file").write_text("x")
    (tmp_path / "a folder").mkdir()
    ours = FilePath(file_okay=file_okay, dir_okay=dir_okay, allow_dash=allow_dash)
    theirs = click.Path(file_okay=file_okay, dir_okay=dir_okay, allow_dash=allow_dash)
    assert ours.name == theirs.name
    for value in ("-", str(tmp_path / "a file"), str(tmp_path / "a folder"), str(tmp_path / "nothing here"),
                  str(tmp_path / "a file" / "below a file")):
        assert _outcome(ours, value) == _outcome(theirs, value), value
    for incomplete in ("", "exa"):
        assert ([(c.value, c.type) for c in ours.shell_complete(None, None, incomplete)] ==
                [(c.value, c.type) for c in theirs.shell_complete(None, None, incomplete)])


def _context(command: click.Command, name: str, parent: click.Context | None = None) -> click.Context:
    """As click makes one to run the command (its context_settings applied), without parsing."""
    return command.make_context(name, [], parent=parent, resilient_parsing=True)


def _commands():
    ctx = _context(cli, "pathfit")
    yield "pathfit", cli, None
    for name in sorted(COMMANDS):
        command = cli.get_command(ctx, name)
        yield name, command, ctx
        if isinstance(command, click.Group):
            sub_ctx = _context(command, name, ctx)
            for sub in command.list_commands(sub_ctx):
                yield sub, command.get_command(sub_ctx, sub), sub_ctx


def _as_click_would(command: click.Command) -> click.Command:
    """The same command as click's own class, with click's own help option."""
    kind = click.Group if isinstance(command, click.Group) else click.Command
    keep = ("context_settings", "help", "epilog", "short_help", "options_metavar", "add_help_option",
            "no_args_is_help", "hidden", "deprecated")
    made = kind(command.name, params=list(command.params), **{k: getattr(command, k) for k in keep})
    if isinstance(command, click.Group):
        made.format_commands = command.format_commands  # a group lists its commands as it does
    return made


def test_every_help_page_is_the_one_click_would_print():
    pages = 0
    for name, command, parent in _commands():
        ctx = _context(command, name, parent)
        same = _context(_as_click_would(command), name, parent)
        assert command.get_help(ctx) == same.command.get_help(same), name
        mine, theirs = command.get_help_option(ctx), same.command.get_help_option(same)
        assert (mine.opts, mine.help, mine.is_flag, mine.is_eager, mine.expose_value) == \
            (theirs.opts, theirs.help, theirs.is_flag, theirs.is_eager, theirs.expose_value), name
        assert mine.opts == ["-h", "--help"], name
        assert command.get_help_option(ctx) is mine  # made once, as click keeps its own
        pages += 1
    assert pages > len(COMMANDS)


def test_a_command_used_alone_first_keeps_its_short_help_option_in_the_group():
    """Regression: the help option was made once per command with the names of the first
    context that asked, so a command run alone first (click's `--help` only, as some
    tests do) lost `-h` under `pathfit` afterwards, in the same process."""
    ctx = _context(cli, "pathfit")
    command = cli.get_command(ctx, "lint")
    alone = _context(command, "lint")
    assert command.get_help_option(alone).opts == ["--help"]
    under = _context(command, "lint", ctx)
    assert command.get_help_option(under).opts == ["-h", "--help"]
    assert command.get_help_option(under) is command.get_help_option(under)
