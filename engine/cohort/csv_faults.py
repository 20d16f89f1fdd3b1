"""A CSV record that cannot be read as a row: what its problem says, and where.

Why apart from the reader (csv_read.py): the reader follows records line by line within the
limits; what it reports of a record it cannot read is worked out only for that record, from
the lines it held, and the wording must say exactly what was read.
"""
from __future__ import annotations

import csv
import re

from ..errors import PathfitError, Pos, Problem
from ..pipeline.profile import ROW_ID
from ..pipeline.value_text import BLANKS
from .lines import CONTROL, MAX_ROW_BYTES, row_id
from .locate import csv_cell_offsets, csv_cell_positions


def unclosed(held: list[str], exact: bool, start: int, end: int, label: str, header: bool = False) -> Problem:
    """PF102 for a record from line `start` that the file (its last line `end`) ends inside a
    quoted cell of, at the opening quote: `exact` when it is the last cell of `held`, the
    record's lines held as written; else (the cell opens past them: past the row limit, or past
    a cell over the field limit) at the row's start, saying so.

    Why an error and not the record as read: Python's csv reader, not strict, hands it back as
    if it were whole, so a row cut off after `"specific_skill` was decided as complete, and an
    unclosed quote mid-file ran every later line into one cell, those rows lost without a word.
    Which line was meant to close it cannot be told, so no line after the quote is read as a
    row: the message names them. In the header (`header`), the whole input is refused with it."""
    tail = "" if header else ", none as a row"
    if not exact:
        line, col = start, 1
        what = (f"the file ends inside a quoted cell of this row, which opens past the part of the row held as "
                f"written: lines {start}-{end}, to the end of the file, were read into the row{tail}")
    else:
        line, col = csv_cell_positions("".join(held), start)[-1]  # the last cell: the one left open
        if end == line:
            what = "the file ends inside the quoted cell opened here"
        else:
            lines = f"line {end}, to the end of the file, was" if end == line + 1 else \
                f"lines {line + 1}-{end}, to the end of the file, were"
            what = f"the quoted cell opened here is never closed: {lines} read into it{tail}"
    where = " in the CSV header" if header else ""
    after = " (the input is refused before any row)" if header else ""
    return Problem("PF102", f"unclosed quote{where}: {what} (a closing quote missing, or the file cut short){after}",
                   Pos(label, line, col))


def cell_too_large(text: str, start: int, label: str, limit: int, header: bool = False) -> Problem | None:
    """PF102 at the first cell of a record (`text`, from line `start`) that holds more than `limit`
    characters as read, the most Python's csv reader takes in one cell (None if none does), in
    place of its words ("field larger than field limit (65536)"), which name neither the cell nor
    what a person can do about it."""
    offsets = csv_cell_offsets(text)
    ends = [at - 1 for at in offsets[1:]] + [len(text)]
    for index, (at, end) in enumerate(zip(offsets, ends)):
        if _cell_length(text, at, end) > limit:
            line, col = csv_cell_positions(text, start)[index]
            after = " (the input is refused before any row)" if header else ""
            return Problem("PF102", f"this cell is longer than {limit:,} characters, the most a CSV cell "
                           f"may hold{after}", Pos(label, line, col))
    return None


def _cell_length(text: str, at: int, end: int) -> int:
    """The length of the cell `text[at:end]` as the csv reader reads it: a quoted part without its
    quotes, each doubled quote in it read as one and each CR LF as the LF it is read as (csv_read),
    and anything after its closing quote."""
    quoted = _QUOTED_PARTS.match(text, at, end)
    if quoted is None:
        return end - at
    inside = quoted.group(1)
    return len(inside) - inside.count('""') - inside.count("\r\n") + end - quoted.end()


_QUOTED_PARTS = re.compile(r'"((?:[^"]|"")*)"?')  # a quoted cell's inside, then its closing quote if any


def readable_id(text: str, header: list, label: str, line: int) -> str | None:
    """The id of a record that cannot be read as a row, from `text`, the part of it read as
    written (its lines held whole, then the start of the first line not held, up to its first
    byte not UTF-8: lines.line_head; or up to a cell over the field limit),
    so that the output and the summary say whose row it is: None unless the id's cell is whole
    in it (a comma after it) and is an id (lines.row_id) holding no control character."""
    if ROW_ID not in header:
        return None
    at = header.index(ROW_ID)
    offsets = csv_cell_offsets(text)
    if len(offsets) <= at + 1:
        return None
    try:
        cells = next(csv.reader([text[:offsets[at + 1] - 1].replace("\r\n", "\n")]), [])  # as csv_read reads it
    except csv.Error:  # the id's own cell over the field limit
        return None
    if len(cells) != at + 1 or CONTROL.search(cells[at]):
        return None
    the_id, problem = csv_id(cells[at], label, line)
    return None if problem else the_id


def csv_id(cell: str, label: str, line: int) -> tuple[str | None, Problem | None]:
    """The row id an `id` cell gives (lines.row_id), read as every cell is: without the blanks
    around it, and none for a cell of blanks alone, which is empty, as such a cell under a fact
    is unknown (an id " 7" was not the "7" of the row above it, and "   " was an id)."""
    return row_id(cell.strip(BLANKS) or None, label, line)


def header_unreadable(size: int, undecodable: list[Problem] | None, label: str, before_cr: str | None) -> None:
    """Refuse a header over the row limit (PF106, `size` its bytes) or with a line that is not
    UTF-8 (PF101, at its first bad byte, as read_lines located it in `undecodable`): read as no
    line at all, it would name no column, and every row would be refused as having more fields
    than the header, for a reason that is not its own. A first line over the limit with a
    carriage return and more after it (`before_cr` the text before it) is a file whose lines end
    in CR alone, read as one line, and is named so (PF102)."""
    if size > MAX_ROW_BYTES and before_cr is not None:
        raise PathfitError([cr_alone(before_cr, 1, label, header=True)])
    if size > MAX_ROW_BYTES:
        raise PathfitError([Problem("PF106", f"the CSV header is {size} bytes; the limit is {MAX_ROW_BYTES} "
                                    "(the input is refused before any row)", Pos(label, 1, 1))])
    problem = undecodable[0] if undecodable else Problem("PF101", "invalid UTF-8", Pos(label, 1, 1))
    raise PathfitError([problem._replace(message=f"{problem.message} in the CSV header: save the file as UTF-8 "
                                                 "(the input is refused before any row)")])


_LONE_CR = re.compile("\r(?=[^\n])")  # a carriage return with more on its line
_QUOTED = re.compile(r'"(?:[^"]|"")*(?:"|\Z)')  # a cell's quoted part (a quote opens one only first)


def lone_cr(text: str, start: int, label: str, header: bool = False) -> Problem | None:
    """PF102 at the first carriage return outside quotes with more after it on its line, in a
    record (`text`, from line `start`) the csv reader refused (None if it holds none): in place
    of Python's words ("new-line character seen in unquoted field - do you need to open the
    file in universal-newline mode?"), what it means for the file. Lines are read as ended by
    a line feed, so a file whose lines end in a carriage return alone reads as one line."""
    offsets = csv_cell_offsets(text)
    for at, end in zip(offsets, [o - 1 for o in offsets[1:]] + [len(text)]):
        quoted = _QUOTED.match(text, at)
        found = _LONE_CR.search(text, quoted.end() if quoted else at)
        if found is not None and found.start() < end:
            return cr_alone(text[:found.start()], start, label, header)
    return None


def cr_alone(before: str, start: int, label: str, header: bool = False) -> Problem:
    """PF102 at a carriage return with more after it on its line, `before` the record's text
    up to it."""
    line = start + before.count("\n")
    col = len(before) - before.rfind("\n")
    after = " (the input is refused before any row)" if header else ""
    return Problem("PF102", "a carriage return (CR) ends a line here, outside quotes, with no line feed: lines are "
                   "read as ended by a line feed (LF or CR LF), so lines that end in a carriage return alone (as "
                   f"some older programs save them) are not read; save the file with LF or CR LF line endings{after}",
                   Pos(label, line, col))
