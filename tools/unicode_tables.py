"""What the fixed Unicode tables' scripts share (tools/printable_table.py, tools/width_table.py):
code points as runs, the runs written as Python, and the command that writes a table or
checks it. Each table is made from the running Python's `unicodedata`, which must carry the
table's Unicode version, so that every supported Python prints the same."""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Callable

PER_LINE = 5


def runs(test: Callable[[int], bool]) -> list[tuple[int, int]]:
    """The code points `test` holds for, as (first, last) runs."""
    found, start = [], None
    for code in range(sys.maxunicode + 2):
        holds = code <= sys.maxunicode and test(code)
        if holds and start is None:
            start = code
        elif not holds and start is not None:
            found.append((start, code - 1))
            start = None
    return found


def run_lines(found: list[tuple[int, int]]) -> str:
    """The runs as the lines of a Python tuple's body, PER_LINE a line."""
    pairs = [f"(0x{first:04X}, 0x{last:04X})," for first, last in found]
    return "".join(f"    {' '.join(pairs[i:i + PER_LINE])}\n" for i in range(0, len(pairs), PER_LINE))


def main(argv: list[str], target: Path, version: str, text: Callable[[], str]) -> int:
    """Write `target` as `text()` gives it, or with --check say whether it reads so (exit 1 if
    not); exit 2 on a Python whose Unicode version is not the table's."""
    if unicodedata.unidata_version != version:
        print(f"this Python carries Unicode {unicodedata.unidata_version}, the table is {version}: "
              "run it with a Python that carries it (3.13)", file=sys.stderr)
        return 2
    wanted = text()
    if "--check" in argv:
        if target.read_text(encoding="utf-8") != wanted:
            print(f"{target}: not what this script writes", file=sys.stderr)
            return 1
        print(f"{target}: as written, Unicode {version}")
        return 0
    target.write_text(wanted, encoding="utf-8")
    print(f"wrote {target}")
    return 0
