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
from ..pipeline.value_text import BLANKS, yes_no  # BLANKS: taken off a cell as off all typed text
from .csv_header import check_header
from .csv_faults import cell_too_large, csv_id, header_unreadable, lone_cr, readable_id, unclosed
from .csv_shape import LineShape, shape_of, still_quoted
from .lines import (CONTROL, HEAD_BYTES, MAX_COLUMNS, MAX_FIELD, MAX_ROW_BYTES, Row, TooLong, Undecodable,
                    Unparsed, control_problem, not_utf8, too_long)
from .locate import csv_cell_positions



class _Record:
    """What the reader knows of the record being read beyond the csv reader's cells: its lines
    held as written (`held`), up to its first line handed to the csv reader as a stand-in (not
    UTF-8, or past the row limit: `cut`); its size in bytes; its first byte that is not UTF-8; and,
    past the cut, whether the record is inside a quoted cell (`quoted`) and whether any later
    line holds a quote (`touched`: one that may have closed a cell and opened another)."""

    __slots__ = ("held", "size", "cut", "bad", "quoted", "touched", "cr_alone", "head")

    def __init__(self) -> None:
        self.held: list[str] = []
        self.clear()

    def clear(self) -> None:
        self.held.clear()
        self.size, self.cut, self.quoted, self.touched = 0, False, False, False
        self.bad: Problem | None = None  # PF101 at the record's first byte that is not UTF-8
        self.cr_alone: str | None = None  # of a first line over the limit: lines.TooLong.cr_alone
        self.head = ""  # the text the first line not held starts with (lines.line_head): for the id

    def stand_in(self, shape: LineShape) -> str:
        """The stand-in the csv reader is handed for a line of this shape, not held."""
        if not self.cut:
            self.cut, self.quoted = True, still_quoted(self.held)
        self.quoted = shape.ends_quoted(self.quoted)
        self.touched = self.touched or shape.quote
        return shape.stand_in()

    def ends_quoted(self) -> bool:
        """Whether the record read so far is inside a quoted cell."""
        return self.quoted if self.cut else still_quoted(self.held)

    def opened_in_held(self, touched: bool = False) -> bool:
        """Whether the quoted cell the record ends inside opened in its lines held as written:
        they end inside it, and no line after them (nor, `touched`, one read past the record)
        holds a quote that could have closed it and opened another."""
        return not (touched or self.touched) and (not self.cut or still_quoted(self.held))

    def text(self) -> str:
        """The lines held as written."""
        return self.held[0] if len(self.held) == 1 else "".join(self.held)


def read_csv(lines: Iterator, label: str, facts: dict, parse: bool,
             undecodable: list[Problem] | None = None) -> Iterator[Row | Unparsed]:
    """Rows from `lines` (lines.read_lines) under the header; with `parse` False, a row
    still to be typed comes as Unparsed. A row found bad while reading (not UTF-8, too long,
    malformed, the wrong number of fields) comes as a Row holding its problem; a header
    that cannot be read so is refused (PathfitError), with the first line that is not UTF-8
    as read_lines located it in `undecodable`."""
    record = _Record()
    held = record.held
    last = [0]  # the number of the last line read, by the csv reader or past a record it gave up on
    ended = [False]  # the reader asked for a line past the last: only inside a quoted cell does it ask

    def text_lines() -> Iterator[str]:
        # a line not decoded or not held whole (over the limit, or once its record is) goes to the
        # reader as a stand-in that leaves the record where the line leaves it (csv_shape.py):
        # inside a quoted cell or not; so no more than the limit of a record is held
        for number, text in lines:
            last[0] = number
            kind = type(text)
            if kind is str:
                record.size += len(text) if text.isascii() else len(text.encode("utf-8"))
                if record.size <= MAX_ROW_BYTES and not record.cut:
                    held.append(text)  # as written, for places; the reader gets the LF copy's line, so
                    # a quoted cell's line break is the LF copy's too (a file saved on Windows)
                    yield text[:-2] + "\n" if text.endswith("\r\n") else text
                    continue
                if not record.cut:
                    record.head = text[:HEAD_BYTES]
                text = record.stand_in(shape_of(text.encode("utf-8")))
            elif kind is Undecodable:
                record.size += text.size
                record.bad = record.bad or text.bad
                if not record.cut:
                    record.head = text.head
                text = record.stand_in(text.shape)
            else:  # a TooLong line
                record.size += int(text)
                if number == 1:
                    record.cr_alone = text.cr_alone
                if not record.cut:
                    record.head = text.head
                text = record.stand_in(text.shape)
            yield text
        ended[0] = True

    def fault(start: int, problem: Problem | None = None) -> Row:
        # the row of a record that cannot be read, its id kept where its cell was read whole
        if problem is None:
            problem = too_long(record.size, label, start) if record.size > MAX_ROW_BYTES else not_utf8(label, start, record.bad)
        return Row(number, start, readable_id("".join(held) + record.head, header, label, start), None, problem)

    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(text_lines())
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:  # a header cell over MAX_FIELD: read as no header, no row would be read
        problem = lone_cr(record.text(), 1, label, header=True) or cell_too_large(
            record.text(), 1, label, MAX_FIELD, header=True) or Problem(
            "PF102", f"malformed CSV header: {exc} (the input is refused before any row)", Pos(label, 1, 1))
        raise PathfitError([problem]) from None
    if ended[0] and record.ends_quoted():
        raise PathfitError([unclosed(held, record.opened_in_held(), 1, last[0], label, header=True)])
    if record.cut:
        header_unreadable(record.size, undecodable, label, record.cr_alone)
    header = [h.strip(BLANKS) for h in header]
    if not any(header):
        raise PathfitError([Problem("PF406", "the CSV header names no column: a cohort's CSV opens with its "
                                    "header line (the input is refused before any row)", Pos(label, 1, 1))])
    check_header(header, record.text(), label, facts)
    number = 0
    while True:
        start = last[0] + 1
        record.clear()
        try:
            cells = next(reader)
        except csv.Error as exc:
            number += 1
            problem = lone_cr(record.text(), start, label) or cell_too_large(record.text(), start, label, MAX_FIELD) \
                or Problem("PF102", f"malformed CSV row: {exc}", Pos(label, start, 1))
            at_end, touched = _past_record(record.ends_quoted(), lines, last)
            if at_end:
                problem = unclosed(held, record.opened_in_held(touched), start, last[0], label)
            yield fault(start, problem)
            continue
        except StopIteration:
            return
        if ended[0] and record.ends_quoted():  # the csv reader, not strict, gives such a record as if whole
            number += 1
            yield fault(start, unclosed(held, record.opened_in_held(), start, last[0], label))
            return
        if record.cut:  # over the limit, or not UTF-8
            number += 1
            yield fault(start)
            continue
        if not "".join(cells).strip(BLANKS):  # a blank line, or a spreadsheet's blank row (`,,,`): no one's
            continue
        number += 1
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
        source = Unparsed(number, start, cells, header, record.text())
        yield csv_row(source, label, facts) if parse else source


def _past_record(quoted: bool, lines: Iterator, last: list[int]) -> tuple[bool, bool]:
    """After the csv reader gave up on a record (a cell over the field limit), read on to
    the record's true end: the reader starts afresh on the next line, which may still be
    inside the record's quoted cell, and would read the rest of it as a record of its own.
    `quoted`: whether the record, as the reader had it, is inside a quoted cell. -> (whether
    the file ends inside the quoted cell (an unclosed quote: the record has no true end),
    whether a line read past it holds a quote)."""
    touched = False
    while quoted:
        item = next(lines, None)
        if item is None:
            return True, touched
        last[0], text = item
        shape = text.shape if isinstance(text, (TooLong, Undecodable)) else shape_of(text.encode("utf-8"))
        quoted = shape.ends_quoted(quoted)
        touched = touched or shape.quote
    return False, touched


def csv_row(source: Unparsed, label: str, facts: dict) -> Row:
    """The Row of one CSV record read under its header: its id and typed facts, with the
    problems of its id and of any filled cell under a column with no name, each at its cell."""
    number, start = source.number, source.line
    control = control_problem(source.text, label, start)
    if control is not None:  # the row's id kept where its cell holds none
        at = source.header.index(ROW_ID) if ROW_ID in source.header else None
        cell = source.content[at] if at is not None else ""
        the_id = None if CONTROL.search(cell) else csv_id(cell, label, start)[0]
        return Row(number, start, the_id, None, control)
    the_id, profile, problem = None, {}, None
    for name, cell in zip(source.header, source.content):
        if name == ROW_ID:
            the_id, problem = csv_id(cell, label, start)
        elif value := cell.strip(BLANKS):
            profile[name] = _cell(value, facts.get(name))
    if problem is None and "" not in profile:
        return Row(number, start, the_id, profile, None, source)
    # the facts kept, so that their problems are reported with these
    cells = csv_cell_positions(source.text, start)
    problems = [problem._replace(pos=Pos(label, *cells[source.header.index(ROW_ID)]))] if problem else []
    if profile.pop("", None) is not None:  # read as a fact named '' otherwise: "unknown fact ''"
        problems += [Problem("PF401", f"column {index + 1} has no name in the header, so this cell names no fact: "
                             "name the column, or leave its cells empty", Pos(label, *cells[index]))
                     for index, (name, cell) in enumerate(zip(source.header, source.content))
                     if not name and cell.strip(BLANKS)]
    problems.sort(key=Problem.sort_key)
    return Row(number, start, the_id, profile, problems[0], source, tuple(problems[1:]))


def _id_anyway(header: list, cells: list, label: str, line: int) -> str | None:
    """The id of a row with the wrong number of fields, from the id column when
    the row reaches it: the row is an error, but the output still says whose."""
    if ROW_ID not in header or header.index(ROW_ID) >= len(cells):
        return None
    the_id, problem = csv_id(cells[header.index(ROW_ID)], label, line)
    return None if problem else the_id


def typed_alike(facts: dict, others: dict) -> bool:
    """Whether every CSV row reads the same under the facts `facts` as under `others`: a cell
    is typed by its fact's type alone (`_cell`), so the same names with the same types read alike."""
    return facts.keys() == others.keys() and all(f.type == others[name].type for name, f in facts.items())


def _cell(text: str, fact):
    """Type a CSV cell by the fact's declared type; unknown names stay text for
    the profile check to report (with a did-you-mean)."""
    if fact is None:
        return text
    if fact.type == "set":
        parts = text.replace(";", ",").split(",")
        return [member for member in (p.strip(BLANKS) for p in parts) if member]
    if fact.type == "bool":
        said = yes_no(text)
        return text if said is None else said
    if fact.type == "number":  # 024, 1_2, 0x10, inf, 1e-400, 12.0000000000000001: judged as written (PF407, PF402)
        return plain_number(text)
    return text
