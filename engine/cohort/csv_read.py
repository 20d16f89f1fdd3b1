"""CSV cohort rows: a header of fact names (csv_header.py checks it), then one row per
record, its cells typed by the facts' declared types.

Why a row keeps its text as written beside its cells (lines.Unparsed.text): a problem the
profile check finds later is located at its cell (locate.py), and a cell's place cannot be
told from the cells alone (quotes, doubled quotes and line breaks are gone from them).
"""
from __future__ import annotations

import csv
from typing import Iterator

from ..errors import PathfitError, Problem, Pos
from ..pipeline.profile import ROW_ID
from ..pipeline.scalars import plain_number
from .csv_header import check_header
from .csv_faults import unclosed
from .csv_shape import shape_of, still_quoted
from .lines import (CONTROL, MAX_COLUMNS, MAX_FIELD, MAX_ROW_BYTES, Row, TooLong, Undecodable, Unparsed,
                    control_problem, not_utf8, row_id, too_long)
from .locate import csv_cell_positions

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def read_csv(lines: Iterator, label: str, facts: dict, parse: bool,
             undecodable: list[Problem] | None = None) -> Iterator[Row | Unparsed]:
    """Rows from `lines` (lines.read_lines) under the header; with `parse` False, a row
    still to be typed comes as Unparsed. A row found bad while reading (not UTF-8, too long,
    malformed, the wrong number of fields) comes as a Row holding its problem; a header
    that cannot be read so is refused (PathfitError), with the first line that is not UTF-8
    as read_lines located it in `undecodable`."""
    bad_lines: set[int] = set()
    long_lines: dict[int, TooLong] = {}
    held: list[str] = []  # the lines of the record being read
    last = [0]  # the number of the last line read, by the csv reader or past a record it gave up on
    ended = [False]  # the reader asked for a line past the last: only inside a quoted cell does it ask

    def text_lines() -> Iterator[str]:
        # a line never decoded or held whole goes to the reader as a stand-in that leaves the
        # record where the line leaves it (csv_shape.py): inside a quoted cell or not
        for number, text in lines:
            last[0] = number
            if isinstance(text, TooLong):
                long_lines[number] = text
                text = text.shape.stand_in()
            elif type(text) is Undecodable:
                bad_lines.add(number)
                text = text.shape.stand_in()
            held.append(text)
            yield text
        ended[0] = True

    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(text_lines())
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:  # a header cell over MAX_FIELD: read as no header, no row would be read
        raise PathfitError([Problem("PF102", f"malformed CSV header: {exc} (the input is refused before any row)",
                                    Pos(label, 1, 1))]) from None
    if ended[0] and still_quoted(held):
        raise PathfitError([unclosed(held, 1, last[0], label, long_lines.keys() | bad_lines, header=True)])
    if bad_lines or long_lines:  # of the header's lines only: the reader reads none ahead of a record
        _header_unreadable(long_lines, undecodable, label)
    header = [h.strip() for h in header]
    if not any(header):
        raise PathfitError([Problem("PF406", "the CSV header names no column: a cohort's CSV opens with its "
                                    "header line (the input is refused before any row)", Pos(label, 1, 1))])
    check_header(header, "".join(held), label, facts)
    number = 0
    while True:
        start = last[0] + 1
        held.clear()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            problem = Problem("PF102", f"malformed CSV row: {exc}", Pos(label, start, 1))
            if _past_record(held, lines, last):
                problem = unclosed(held, start, last[0], label, long_lines.keys() | bad_lines)
            yield Row(number, start, None, None, problem)
            continue
        if ended[0] and still_quoted(held):  # the csv reader, not strict, gives such a record as if whole
            number += 1
            problem = unclosed(held, start, last[0], label, long_lines.keys() | bad_lines)
            yield Row(number, start, _id_anyway(header, cells[:-1], label, start), None, problem)
            return
        if not cells or cells == [""]:
            if start in long_lines:
                number += 1
                yield Row(number, start, None, None, too_long(long_lines.pop(start), label, start))
            elif start in bad_lines:
                number += 1
                yield Row(number, start, None, None, not_utf8(label, start))
            continue
        number += 1
        end = last[0] + 1
        # looked for only in a file that has such lines at all: this is the one process that reads
        if long_lines and any(n in long_lines for n in range(start, end)):
            yield Row(number, start, None, None, too_long(long_lines[next(
                n for n in range(start, end) if n in long_lines)], label, start))
            continue
        if bad_lines and any(n in bad_lines for n in range(start, end)):
            yield Row(number, start, None, None, not_utf8(label, start))
            continue
        if len(cells) > MAX_COLUMNS:
            yield Row(number, start, _id_anyway(header, cells, label, start), None, Problem(
                "PF406", f"row has {len(cells)} fields; at most {MAX_COLUMNS} are read", Pos(label, start, 1)))
            continue
        if len(cells) != len(header):
            what = "more" if len(cells) > len(header) else "fewer"
            yield Row(number, start, _id_anyway(header, cells, label, start), None, Problem(
                "PF406", f"row has {len(cells)} fields, {what} than the header's {len(header)} "
                         f"(truncated or misquoted?)", Pos(label, start, 1)))
            continue
        source = Unparsed(number, start, cells, header, held[0] if len(held) == 1 else "".join(held))
        yield csv_row(source, label, facts) if parse else source


def _past_record(held: list[str], lines: Iterator, last: list[int]) -> bool:
    """After the csv reader gave up on a record (a cell over the field limit), read on to
    the record's true end: the reader starts afresh on the next line, which may still be
    inside the record's quoted cell, and would read the rest of it as a record of its own.
    `held`: the record's lines as the reader had them. True if the file ends inside the
    quoted cell (an unclosed quote): the record has no true end."""
    quoted = still_quoted(held)
    while quoted:
        item = next(lines, None)
        if item is None:
            return True
        last[0], text = item
        shape = text.shape if isinstance(text, (TooLong, Undecodable)) else shape_of(text.encode("utf-8", "surrogatepass"))
        quoted = shape.ends_quoted(quoted)
    return False


def _header_unreadable(long_lines: dict[int, TooLong], undecodable: list[Problem] | None, label: str) -> None:
    """Refuse a header with a line that is not UTF-8 (PF101, at its first bad byte) or over
    the limit (PF106): read as no line at all, it would name no column, and every row would
    be refused as having more fields than the header, for a reason that is not its own."""
    if long_lines:
        line, size = min(long_lines.items())
        raise PathfitError([Problem("PF106", f"the CSV header is {size} bytes; the limit is {MAX_ROW_BYTES} "
                                    "(the input is refused before any row)", Pos(label, line, 1))])
    problem = undecodable[0] if undecodable else Problem("PF101", "invalid UTF-8", Pos(label, 1, 1))
    raise PathfitError([problem._replace(message=f"{problem.message} in the CSV header: save the file as UTF-8 "
                                                 "(the input is refused before any row)")])


def csv_row(source: Unparsed, label: str, facts: dict) -> Row:
    """The Row of one CSV record read under its header: its id and typed facts, or the
    id's problem at the id's cell."""
    number, start = source.number, source.line
    control = control_problem(source.text, label, start)
    if control is not None:  # the row's id kept where its cell holds none
        at = source.header.index(ROW_ID) if ROW_ID in source.header else None
        cell = source.content[at] if at is not None else ""
        return Row(number, start, None if CONTROL.search(cell) else row_id(cell or None, label, start)[0], None, control)
    the_id, profile, problem = None, {}, None
    for name, cell in zip(source.header, source.content):
        if name == ROW_ID:
            the_id, problem = row_id(cell or None, label, start)
        elif cell.strip() != "":
            profile[name] = _cell(cell.strip(), facts.get(name))
    if problem is not None:  # at the id's cell
        at = csv_cell_positions(source.text, start)[source.header.index(ROW_ID)]
        return Row(number, start, the_id, None, problem._replace(pos=Pos(label, *at)))
    return Row(number, start, the_id, profile, None, source)


def _id_anyway(header: list, cells: list, label: str, line: int) -> str | None:
    """The id of a row with the wrong number of fields, from the id column when
    the row reaches it: the row is an error, but the output still says whose."""
    if ROW_ID not in header or header.index(ROW_ID) >= len(cells):
        return None
    the_id, problem = row_id(cells[header.index(ROW_ID)] or None, label, line)
    return None if problem else the_id


def _cell(text: str, fact):
    """Type a CSV cell by the fact's declared type; unknown names stay text for
    the profile check to report (with a did-you-mean)."""
    if fact is None:
        return text
    if fact.type == "set":
        parts = text.replace(";", ",").split(",")
        return [p.strip() for p in parts if p.strip()]
    if fact.type == "bool":
        low = text.lower()
        return True if low in _TRUE else False if low in _FALSE else text
    if fact.type == "number":  # 024, 1_2, 0x10, inf, 1e-400, 12.0000000000000001: judged as written (PF407, PF402)
        return plain_number(text)
    return text
