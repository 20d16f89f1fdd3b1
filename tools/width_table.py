"""Write (or check) engine/reports/width_table.py, the fixed table of how many terminal
columns a character takes.

A terminal gives an East Asian wide or fullwidth character (a CJK ideograph, kana, most
emoji) two columns and a combining mark none; wrapping by code points let a line of
Japanese run far past the terminal's width. Each Python's `unicodedata` carries its own
Unicode version, and the lines pathfit prints are the same on every supported Python, so
the widths come from one table, made here from a Python that carries its version:

    python3.13 -m tools.width_table           # writes engine/reports/width_table.py
    python3.13 -m tools.width_table --check   # exit 1 if the file is not what it writes
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from tools import unicode_tables

UNICODE_VERSION = "15.1.0"
TARGET = Path(__file__).resolve().parent.parent / "engine" / "reports" / "width_table.py"

HEAD = '''"""How many terminal columns a character takes: Unicode {version}, fixed.

WIDE: East Asian Width W or F (two columns), but those ZERO holds. ZERO: combining marks
(Mn, Me), format characters (Cf) but the soft hyphen, and the Hangul jungseong and jongseong
(U+1160-U+11FF), which join the character before them (no column), wide or not: the kana's
combining voiced sound marks (U+3099, U+309A, as decomposed Japanese writes が) are East
Asian wide and draw on the kana before them. Every other character takes one.
Written by `python3.13 -m tools.width_table` (which also checks it); not to be edited by
hand. Loaded only when text that is not ASCII is wrapped.
"""
from __future__ import annotations

UNICODE_VERSION = "{version}"
'''


def _wide(code: int) -> bool:
    """Two columns: East Asian wide or fullwidth, and not a mark joined to the character
    before it (a wide combining mark is drawn on that character, taking no column of its own)."""
    return unicodedata.east_asian_width(chr(code)) in ("W", "F") and not _zero(code)


def _zero(code: int) -> bool:
    return (unicodedata.category(chr(code)) in ("Mn", "Me", "Cf") and code != 0xAD) or 0x1160 <= code <= 0x11FF


def _table(name: str, test) -> str:
    return f"# (first, last) code points, in order, none adjacent to the next\n{name} = (\n" \
        + unicode_tables.run_lines(unicode_tables.runs(test)) + ")\n"


def text() -> str:
    """engine/reports/width_table.py as it should read."""
    return HEAD.format(version=UNICODE_VERSION) + _table("WIDE", _wide) + _table("ZERO", _zero)


if __name__ == "__main__":
    sys.exit(unicode_tables.main(sys.argv[1:], TARGET, UNICODE_VERSION, text))
