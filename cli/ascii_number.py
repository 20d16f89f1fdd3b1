"""The one rule for a number pathfit reads from an option or a setting (`test --min-coverage`,
`batch --jobs`, `serve --port`, `--queue`, `--timeout`, `audit head --unsigned`,
PATHFIT_MAX_ERRORS): ASCII characters, no `_`, and around them only the blanks taken off
every typed value (value_text.BLANKS: spaces, tabs, line ends), as `--fact`, a profile and a
CSV cell read a number. Python's int(), float() and Decimal() take any script's digits (`٢`,
`２`), `_` between digits (`1_0`) and any white space around (U+3000, U+00A0, a form feed),
and str.strip() takes any white space off: a value read so is not what was written.

Apart from the modules every command imports: only the commands that read such a number load it.
"""
from __future__ import annotations

# value_text.BLANKS, written again (a test holds them equal): importing it loads engine.pipeline,
# about 27 ms, where `audit head` and a refused PATHFIT_MAX_ERRORS need none of it
BLANKS = " \t\r\n"


def ascii_number(text: str) -> str | None:
    """`text` without the blanks around it, for int(), float() or Decimal() to read, when it is
    written as pathfit reads a number (ASCII, printable, no `_`); else None: no number, whatever
    those would make of it. Whether it is a number at all is theirs to say."""
    bare = text.strip(BLANKS)
    return bare if bare.isascii() and bare.isprintable() and "_" not in bare else None
