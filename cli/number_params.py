"""Number options read in ASCII digits alone (`batch --jobs`, `serve --port`, `--queue`,
`--timeout`, `audit head --unsigned`). Apart from params.py, which every command's start imports:
defining these classes there cost every start 0.46 M instructions (bench.count), and only
`batch`, `serve` and `audit` read them."""
from __future__ import annotations

import click

from .ascii_number import ascii_number


class _AsciiNumber:
    """click's IntRange or FloatRange, reading a number written in ASCII digits alone: click reads
    one with int() or float(), which take any script's digits (`٢`, `２`) and `_` between
    them (`1_0`) and any white space around, where every other number pathfit reads (`--fact`,
    a profile, `--min-coverage`, PATHFIT_MAX_ERRORS) is ASCII digits (cli/ascii_number.py).
    Anything else is refused, PF600 at the option, in click's words for a value that is no number."""

    def convert(self, value, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, str):
            if ascii_number(value) is None:
                from pathfit.engine.quote import quote  # loaded for a message only: never on a decision's way

                self.fail(f"{quote(value)} is not a valid {self.name}: a number is written in ASCII digits", param, ctx)
            value = ascii_number(value)
        return super().convert(value, param, ctx)


class IntRange(_AsciiNumber, click.IntRange):
    """click.IntRange in ASCII digits (_AsciiNumber)."""


class FloatRange(_AsciiNumber, click.FloatRange):
    """click.FloatRange in ASCII digits (_AsciiNumber)."""
