"""A CSV record that cannot be read as a row: what its problem says, and where.

Why apart from the reader (csv_read.py): the reader follows records line by line within the
limits; what it reports of a record it cannot read is worked out only for that record, from
the lines it held, and the wording must say exactly what was read.
"""
from __future__ import annotations

from typing import Collection

from ..errors import Pos, Problem
from .locate import csv_cell_positions


def unclosed(held: list[str], start: int, end: int, label: str, stand_ins: Collection[int],
             header: bool = False) -> Problem:
    """PF102 for a record the file ends inside a quoted cell of (`held` its lines as the csv
    reader had them, from line `start`; the file's last line `end`), at the opening quote.

    Why an error and not the record as read: Python's csv reader, not strict, hands it back as
    if it were whole, so a row cut off after `"specific_skill` was decided as complete, and an
    unclosed quote mid-file ran every later line into one cell, those rows lost without a word.
    Which line was meant to close it cannot be told, so no line after the quote is read as a
    row: the message names them. A line the reader had as a stand-in (not UTF-8, over the
    limit: `stand_ins`) has no column to give, so the quote is put at its start. In the
    header (`header`), the whole input is refused with it."""
    line, col = csv_cell_positions("".join(held), start)[-1]  # the last cell: the one left open
    if line in stand_ins:
        col = 1
    if end == line:
        what = "the file ends inside the quoted cell opened here"
    else:
        lines = f"line {end}" if end == line + 1 else f"lines {line + 1}-{end}"
        what = (f"the quoted cell opened here is never closed: {lines}, to the end of the file, were read "
                "into it" + ("" if header else ", none as a row"))
    where = " in the CSV header" if header else ""
    after = " (the input is refused before any row)" if header else ""
    return Problem("PF102", f"unclosed quote{where}: {what} (a closing quote missing, or the file cut short){after}",
                   Pos(label, line, col))
