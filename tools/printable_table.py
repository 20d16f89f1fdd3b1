"""Write (or check) engine/printable.py, the fixed table of what a message's quote escapes.

Python's repr escapes every character `str.isprintable` refuses, and each Python judges
that by its own Unicode version: a message quoting a character assigned since would read
one way on 3.11 and another on 3.12. engine/quote.py judges by one table instead, made
here from the running Python's `unicodedata`, which must carry the table's Unicode
version (Python 3.13 carries 15.1):

    python3.13 -m tools.printable_table           # writes engine/printable.py
    python3.13 -m tools.printable_table --check   # exit 1 if the file is not what it writes

A new Unicode version is a change of what pathfit prints: make it on purpose, with the
version named in UNICODE_VERSION and the tests run again on every supported Python.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from tools import unicode_tables

UNICODE_VERSION = "15.1.0"
TARGET = Path(__file__).resolve().parent.parent / "engine" / "printable.py"
# the categories str.isprintable refuses (and, of Zs, all but the space)
UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"})

HEAD = '''"""The characters a message's quote writes as an escape: Python's unprintable ones, fixed.

Python's repr escapes what `str.isprintable` refuses, and each Python judges that by its
own Unicode version (3.11 carries 14.0, 3.12 15.0, 3.13 15.1): quoting by repr, a message
naming a character assigned after 14.0 showed it escaped on 3.11 and as itself on 3.12.
engine/quote.py judges by this one table instead: Unicode {version}'s characters of the
categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs but the space, exactly those Python 3.13's
repr escapes. Written by `python3.13 -m tools.printable_table` (which also checks it);
not to be edited by hand. Loaded only when a message quotes text that is not ASCII.
"""
from __future__ import annotations

UNICODE_VERSION = "{version}"
# (first, last) code points, in order, none adjacent to the next
RUNS = (
'''


def runs() -> list[tuple[int, int]]:
    """The unprintable code points as (first, last) runs, by this Python's `unicodedata`,
    checked against its `str.isprintable` (what its repr escapes)."""
    return unicode_tables.runs(_unprintable)


def _unprintable(code: int) -> bool:
    char = chr(code)
    by_category = unicodedata.category(char) in UNPRINTABLE and char != " "
    if by_category == char.isprintable():
        raise SystemExit(f"U+{code:04X}: category {unicodedata.category(char)} but isprintable() "
                         f"is {char.isprintable()}: this Python's repr follows another rule")
    return by_category


def text() -> str:
    """engine/printable.py as it should read."""
    return HEAD.format(version=UNICODE_VERSION) + unicode_tables.run_lines(runs()) + ")\n"


if __name__ == "__main__":
    sys.exit(unicode_tables.main(sys.argv[1:], TARGET, UNICODE_VERSION, text))
