"""Cohort input: CSV or JSON Lines rows -> (row number, id, raw profile or a row error).

Rows stream one at a time, so memory stays flat however long the file. A bad
row (undecodable bytes, a lone surrogate escape, malformed JSON, wrong number of
CSV fields, a cell too large) becomes an error for that row only; reading goes on.

CSV: a header row of fact names, plus an optional `id` and `subject` column, none twice
(a column named twice refuses the whole input, PF105, as does a column that names none of
these, PF401); a UTF-8 BOM is ignored; an empty cell is unknown; a set is a `;`- or `,`-separated list
inside one cell (quote it if it holds commas); booleans are true/false,
yes/no or 1/0; numbers as written. JSON Lines: one object per line (an `id`
key is taken as the row id); duplicate keys are an error.
"""
from __future__ import annotations

import csv
import json
import re
from typing import BinaryIO, Iterator, NamedTuple

from ..errors import PathfitError, Problem, Pos, did_you_mean
from ..pipeline.load import is_plain_number
from ..pipeline.profile import SUBJECT, json_float, underflows
from ..surrogates import LONE_SURROGATE, lone_surrogate, lone_surrogate_column

MAX_FIELD = 64 * 1024
MAX_COLUMNS = 1000  # CSV fields or JSON keys in one row
MAX_ROW_BYTES = 1024 * 1024  # as a profile file (cli.common.MAX_PROFILE_BYTES)
MAX_DEPTH = 64  # JSON nesting, as YAML's in engine.pipeline.load
MAX_ID = 256  # characters in a row id
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class Row(NamedTuple):
    number: int  # 1-based data row (the header is not counted)
    line: int  # 1-based line in the file where the row starts
    id: str | None
    profile: dict | None
    error: Problem | None = None


class Unparsed(NamedTuple):
    """A row as read, its content not yet parsed: a JSON Lines row's text, or a CSV row's
    cells with the header they go under. A batch reads its input in one process and
    evaluates it in several; parsing (JSON decoding, typing cells) is per-row work, so it
    is done where the row is evaluated (`parsed`), not in the one process that reads."""

    number: int
    line: int
    content: str | list
    header: list | None  # None: a JSON Lines row


def read_rows(stream: BinaryIO, label: str, kind: str, facts: dict, parse: bool = True) -> Iterator[Row | Unparsed]:
    """`kind` is "csv" or "jsonl"; `facts` maps fact names to FactDef (for CSV typing).
    With `parse` False a row whose content is still to be parsed comes as Unparsed (a row
    found bad while reading still comes as a Row): `parsed` makes it the Row it would
    have been."""
    if kind == "jsonl":
        yield from _jsonl(stream, label, parse)
    else:
        yield from _csv(stream, label, facts, parse)


def parsed(row: Row | Unparsed, label: str, facts: dict) -> Row:
    """The Row read_rows(..., parse=True) gives for what read_rows(..., parse=False) gave."""
    if type(row) is not Unparsed:
        return row
    if row.header is None:
        return _jsonl_row(row.number, row.line, row.content, label)
    return _csv_row(row.number, row.line, row.header, row.content, label, facts)


class _TooLong(str):
    """Stands for a line over MAX_ROW_BYTES, which is never held whole."""


def _lines(stream: BinaryIO, label: str) -> Iterator[tuple[int, str | None]]:
    """(line number, text, or None when the bytes are not UTF-8, or a _TooLong
    holding the line's size). A line is read at most MAX_ROW_BYTES at a time, so
    memory stays bounded whatever one line holds."""
    number = 0
    while True:
        raw = stream.readline(MAX_ROW_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_ROW_BYTES:
            size = len(raw)
            while not raw.endswith(b"\n"):
                raw = stream.readline(MAX_ROW_BYTES)
                if not raw:
                    break
                size += len(raw)
            yield number, _TooLong(str(size))
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
            continue
        yield number, text.replace("\x00", "\ufffd")


def _too_long(text: _TooLong, label: str, line: int) -> Problem:
    return Problem("PF106", f"row is {text} bytes; the limit is {MAX_ROW_BYTES}", Pos(label, line, 1))


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


def json_depth_problem(text: str, label: str, line: int) -> Problem | None:
    """Bound nesting before the JSON decoder sees it (it recurses, and a deep
    row would end the run in RecursionError): brackets inside strings do not count.
    The service bounds a request's body with it too (engine/service/core.py)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Problem("PF107", f"row nested deeper than {MAX_DEPTH} levels", Pos(label, line, m.start() + 1))
        elif token in "]}":
            depth -= 1
    return None


def _row_id(value, label: str, line: int) -> tuple[str | None, Problem | None]:
    """A row id is text or a whole number, at most MAX_ID characters."""
    if value is None:
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, Problem("PF406", "row id must be text or a whole number", Pos(label, line, 1))
    text = value if isinstance(value, str) else str(value) if abs(value) < 10 ** MAX_ID else None
    if text is None or len(text) > MAX_ID:
        size = len(text) if text is not None else f"over {MAX_ID}"
        return None, Problem("PF406", f"row id is {size} characters; at most {MAX_ID} are kept", Pos(label, line, 1))
    return text, None


def _jsonl(stream: BinaryIO, label: str, parse: bool) -> Iterator[Row | Unparsed]:
    number = 0
    for line, text in _lines(stream, label):
        if text is not None and not text.strip():
            continue
        number += 1
        if text is None:
            yield Row(number, line, None, None, Problem("PF101", "row is not valid UTF-8", Pos(label, line, 1)))
        elif isinstance(text, _TooLong):
            yield Row(number, line, None, None, _too_long(text, label, line))
        elif parse:
            yield _jsonl_row(number, line, text, label)
        else:
            yield Unparsed(number, line, text, None)


def _jsonl_row(number: int, line: int, text: str, label: str) -> Row:
    deep = json_depth_problem(text, label, line)
    if deep is not None:
        return Row(number, line, None, None, deep)
    try:
        obj = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=json_float)
    except ValueError as exc:
        col = getattr(exc, "colno", 1)
        return Row(number, line, None, None, Problem("PF102", f"invalid JSON: {getattr(exc, 'msg', exc)}",
                                                     Pos(label, line, col)))
    if not isinstance(obj, dict):
        return Row(number, line, None, None, Problem("PF406", "a row must be a JSON object of facts",
                                                     Pos(label, line, 1)))
    if lone_surrogate(obj, text, spared=_SPARED):
        return Row(number, line, None, None, Problem(
            "PF101", f"row holds {LONE_SURROGATE}", Pos(label, line, lone_surrogate_column(text))))
    if len(obj) > MAX_COLUMNS:
        return Row(number, line, _row_id(obj.get("id"), label, line)[0], None, Problem(
            "PF406", f"row has {len(obj)} keys; at most {MAX_COLUMNS} are read", Pos(label, line, 1)))
    row_id, problem = _row_id(obj.pop("id", None), label, line)
    return Row(number, line, row_id, None if problem else obj, problem)


_SPARED = frozenset({SUBJECT})  # checked by engine.audit.subject, which gives a bad subject its own code (PF628)


def _no_duplicates(pairs: list) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _csv(stream: BinaryIO, label: str, facts: dict, parse: bool) -> Iterator[Row | Unparsed]:
    bad_lines: set[int] = set()
    long_lines: dict[int, _TooLong] = {}

    def text_lines() -> Iterator[str]:
        for number, text in _lines(stream, label):
            if isinstance(text, _TooLong):
                long_lines[number] = text
                yield "\n"
            elif text is None:
                bad_lines.add(number)
                yield "\n"
            else:
                yield text

    csv.field_size_limit(MAX_FIELD)
    first: list = []  # the header's text, for where a column starts

    def kept_first() -> Iterator[str]:
        for text in text_lines():
            if not first:
                first.append(text)
            yield text

    reader = csv.reader(kept_first())
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    header = [h.strip() for h in header]
    text = first[0] if first and reader.line_num == 1 else ""
    _no_column_twice(header, text, label)
    _columns_known(header, text, label, facts)
    number = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield Row(number, start, None, None, Problem("PF102", f"malformed CSV row: {exc}", Pos(label, start, 1)))
            continue
        if not cells or cells == [""]:
            if start in long_lines:
                number += 1
                yield Row(number, start, None, None, _too_long(long_lines.pop(start), label, start))
                continue
            if start in bad_lines:
                number += 1
                yield Row(number, start, None, None, Problem("PF101", "row is not valid UTF-8", Pos(label, start, 1)))
            continue
        number += 1
        if any(n in long_lines for n in range(start, reader.line_num + 1)):
            yield Row(number, start, None, None, _too_long(long_lines[next(
                n for n in range(start, reader.line_num + 1) if n in long_lines)], label, start))
            continue
        if any(n in bad_lines for n in range(start, reader.line_num + 1)):
            yield Row(number, start, None, None, Problem("PF101", "row is not valid UTF-8", Pos(label, start, 1)))
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
        yield _csv_row(number, start, header, cells, label, facts) if parse else Unparsed(number, start, cells, header)


def _no_column_twice(header: list, text: str, label: str) -> None:
    """A header naming a column twice would let one cell of each row silently override the
    other, as a duplicate key would in JSON: the whole input is refused (PF105), located at
    the second column, before any row is read. `text`: the header's line ("" when it spans
    several lines, then located at its line)."""
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:  # an empty column (a spreadsheet's trailing commas): read as no fact, so it clashes with none
            continue
        if name in seen:
            starts = _cell_starts(text)
            col = starts[index] if index < len(starts) else 1
            raise PathfitError([Problem("PF105", f"column {name!r} appears twice in the header (columns "
                                        f"{seen[name] + 1} and {index + 1}); each row would lose one of its cells",
                                        Pos(label, 1, col))])
        seen[name] = index


def _columns_known(header: list, text: str, label: str, facts: dict) -> None:
    """Refuse a header with a column that names no fact, `id` or `subject`, before any row is
    read: each row would be refused for its cell under it, or, left empty, decided as if the
    column were not there, so that one misnamed column split a cohort silently (PF401 at each
    such column, with a hint). A header of one cell holding semicolons or tabs is a CSV saved
    with another separator, and JSON Lines read as CSV names nothing at all (PF406)."""
    named = ("id", SUBJECT)
    unknown = [(i, name) for i, name in enumerate(header) if name and name not in facts and name not in named]
    if not unknown:
        return
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "semicolons" if ";" in header[0] else "tabs"
        raise PathfitError([Problem("PF406", f"the CSV header is separated by {sep}; a cohort's CSV is "
                                    "comma-separated: save it as CSV with commas", Pos(label, 1, 1))])
    if len(unknown) == len([n for n in header if n]) and header[0].startswith("{"):  # not a cohort's header at all
        raise PathfitError([Problem("PF406", "the CSV header names no fact, `id` or `subject`, so no row could be "
                                    "read (JSON Lines given a name pathfit reads as CSV? give --input-format jsonl)",
                                    Pos(label, 1, 1))])
    starts = _cell_starts(text)
    choices = [*(n for n in facts if "=" not in n), *named]
    problems = []
    for index, name in unknown:
        same = next((c for c in choices if c.lower() == name.lower()), None)  # names are matched exactly
        hint = f" (names are matched exactly: did you mean {same!r}?)" if same else did_you_mean(name, choices)
        problems.append(Problem("PF401", f"column {name!r} names no fact, `id` or `subject`{hint}: rename it or "
                                "remove it (the input is refused before any row)",
                                Pos(label, 1, starts[index] if index < len(starts) else 1)))
    raise PathfitError(problems)


def _cell_starts(text: str) -> list[int]:
    """Where each cell of one CSV line starts, 1-based (a comma inside quotes is text)."""
    starts, quoted = [1], False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return starts


def _csv_row(number: int, start: int, header: list, cells: list, label: str, facts: dict) -> Row:
    row_id, profile, problem = None, {}, None
    for name, cell in zip(header, cells):
        if name == "id":
            row_id, problem = _row_id(cell or None, label, start)
        elif cell.strip() != "":
            profile[name] = _cell(cell.strip(), facts.get(name))
    return Row(number, start, row_id, None if problem else profile, problem)


def _id_anyway(header: list, cells: list, label: str, line: int) -> str | None:
    """The id of a row with the wrong number of fields, from the id column when
    the row reaches it: the row is an error, but the output still says whose."""
    if "id" not in header or header.index("id") >= len(cells):
        return None
    row_id, problem = _row_id(cells[header.index("id")] or None, label, line)
    return None if problem else row_id


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
    if fact.type == "number":
        if not is_plain_number(text):
            return text  # 024, 1_2, 0x10, inf: judged as written by the profile check (PF407 or PF402)
        value = float(text)
        if underflows(text, value):
            return text  # judged as written by the profile check (PF402), never read as 0
        return int(text) if re.fullmatch(r"[-+]?[0-9]+", text) else int(value) if value.is_integer() else value
    return text


def sniff_kind(name: str, explicit: str | None = None) -> str:
    if explicit:
        return explicit
    return "jsonl" if name.lower().endswith((".jsonl", ".ndjson", ".json")) else "csv"
