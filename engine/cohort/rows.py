"""Cohort input: CSV or JSON Lines rows -> (row number, id, raw profile or a row error).

Rows stream one at a time, so memory stays flat however long the file. A bad
row (undecodable bytes, malformed JSON, wrong number of CSV fields, a cell too
large) becomes an error for that row only; reading goes on.

CSV: a header row of fact names, plus an optional `id` column; a UTF-8 BOM is
ignored; an empty cell is unknown; a set is a `;`- or `,`-separated list
inside one cell (quote it if it holds commas); booleans are true/false,
yes/no or 1/0; numbers as written. JSON Lines: one object per line (an `id`
key is taken as the row id); duplicate keys are an error.
"""
from __future__ import annotations

import csv
import json
from typing import BinaryIO, Iterator, NamedTuple

from ..errors import Problem, Pos

MAX_FIELD = 64 * 1024
MAX_COLUMNS = 1000
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class Row(NamedTuple):
    number: int  # 1-based data row (the header is not counted)
    line: int  # 1-based line in the file where the row starts
    id: str | None
    profile: dict | None
    error: Problem | None = None


def read_rows(stream: BinaryIO, label: str, kind: str, facts: dict) -> Iterator[Row]:
    """`kind` is "csv" or "jsonl"; `facts` maps fact names to FactDef (for CSV typing)."""
    if kind == "jsonl":
        yield from _jsonl(stream, label)
    else:
        yield from _csv(stream, label, facts)


def _lines(stream: BinaryIO, label: str) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when the bytes are not UTF-8)."""
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
            continue
        yield number, text.replace("\x00", "\ufffd")


def _jsonl(stream: BinaryIO, label: str) -> Iterator[Row]:
    number = 0
    for line, text in _lines(stream, label):
        if text is not None and not text.strip():
            continue
        number += 1
        if text is None:
            yield Row(number, line, None, None, Problem("PF101", "row is not valid UTF-8", Pos(label, line, 1)))
            continue
        try:
            obj = json.loads(text, object_pairs_hook=_no_duplicates)
        except ValueError as exc:
            col = getattr(exc, "colno", 1)
            yield Row(number, line, None, None, Problem("PF102", f"invalid JSON: {getattr(exc, 'msg', exc)}",
                                                        Pos(label, line, col)))
            continue
        if not isinstance(obj, dict):
            yield Row(number, line, None, None, Problem("PF406", "a row must be a JSON object of facts",
                                                        Pos(label, line, 1)))
            continue
        row_id = obj.pop("id", None)
        yield Row(number, line, None if row_id is None else str(row_id), obj)


def _no_duplicates(pairs: list) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _csv(stream: BinaryIO, label: str, facts: dict) -> Iterator[Row]:
    bad_lines: set[int] = set()

    def text_lines() -> Iterator[str]:
        for number, text in _lines(stream, label):
            if text is None:
                bad_lines.add(number)
                yield "\n"
            else:
                yield text

    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(text_lines())
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    header = [h.strip() for h in header]
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
            if start in bad_lines:
                number += 1
                yield Row(number, start, None, None, Problem("PF101", "row is not valid UTF-8", Pos(label, start, 1)))
            continue
        number += 1
        if any(n in bad_lines for n in range(start, reader.line_num + 1)):
            yield Row(number, start, None, None, Problem("PF101", "row is not valid UTF-8", Pos(label, start, 1)))
            continue
        if len(cells) > MAX_COLUMNS:
            yield Row(number, start, None, None, Problem(
                "PF406", f"row has {len(cells)} fields; at most {MAX_COLUMNS} are read", Pos(label, start, 1)))
            continue
        if len(cells) != len(header):
            what = "more" if len(cells) > len(header) else "fewer"
            yield Row(number, start, None, None, Problem(
                "PF406", f"row has {len(cells)} fields, {what} than the header's {len(header)} "
                         f"(truncated or misquoted?)", Pos(label, start, 1)))
            continue
        row_id, profile = None, {}
        for name, cell in zip(header, cells):
            if name == "id":
                row_id = cell or None
            elif cell.strip() != "":
                profile[name] = _cell(cell.strip(), facts.get(name))
        yield Row(number, start, row_id, profile)


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
        try:
            value = float(text)
        except ValueError:
            return text
        return int(value) if value.is_integer() else value
    return text


def sniff_kind(name: str, explicit: str | None = None) -> str:
    if explicit:
        return explicit
    return "jsonl" if name.lower().endswith((".jsonl", ".ndjson", ".json")) else "csv"
