"""An option that takes one value, given twice with two values, refused rather than settled.

click keeps the last value of such an option without a word: `recommend --profile a.yaml
--profile b.yaml` decided for b alone, `--format json --format text` printed text to a
script reading JSON, `--audit-log a --audit-log b` appended to b. A person who typed two
values meant something, so each such option is refused, PF613 at its name, naming every
value as typed, before anything is read or written (cli/params.py asks, on every command,
only when some option was given more than once). A flag given twice, or one value given
twice, asks for what giving it once does, as `--fact x=a --fact x=a` does: accepted.
Imported only for a command line giving some option more than once.
"""
from __future__ import annotations

import click

from .params import _name, _refuse
from .typed_args import as_typed


def refuse_repeats(command: click.Command, ctx: click.Context, typed: list[str], order: list) -> None:
    """PF613 at each option taking one value that `order` (the parse's, one entry each time an
    option is given) holds more than once with values that differ as typed. The values are
    read again from `typed` by the command's own parser with those options taking each, so
    `--format=json`, `-kx` and `--` are read as click reads them."""
    seen, repeated = set(), {}
    for param in order:
        if param in seen and isinstance(param, click.Option) and not (param.is_flag or param.multiple or param.count):
            repeated[param.name] = param
        seen.add(param)
    if not repeated:
        return
    params = [click.Option([*p.opts, p.name], multiple=True, nargs=p.nargs) if p.name in repeated else p
              for p in command.get_params(ctx)]
    values = click.Command(command.name, params=params).make_parser(ctx).parse_args(typed)[0]
    refusals = [(_name(param), given_more_than_once(_name(param), as_typed(values[name])))
                for name, param in repeated.items() if len(set(values[name])) > 1]
    if refusals:
        _refuse(*refusals)


def given_more_than_once(name: str, typed: list) -> str:
    """`--format given twice, as 'json' and 'text'; give one`: every value, as typed, in order
    (`--fact NAME` given for one name with values that differ says the same)."""
    from pathfit.engine.quote import quote

    said = [quote(value) for value in typed]
    times = "twice" if len(said) == 2 else f"{len(said)} times"
    return f"{name} given {times}, as {', '.join(said[:-1])} and {said[-1]}; give one"
