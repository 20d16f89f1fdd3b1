"""Where a cohort row's cells or keys are written, found only for a row with a problem.

Why only then: a batch checks each row's facts as a plain dict, at sight (the profile
check's fast path), and nearly every row has nothing wrong; finding where each cell or key
is written would be work on every row that only a refused row needs. So a row keeps what
was read (lines.Row.source), and when the check refuses it, that text is walked once more
and the facts checked again as a located mapping: each problem comes back at its cell or
key as in a profile file (a value's problem at the value, an unknown or derived fact's at
its key; in a CSV row both are the cell), with the same codes and messages.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from json.decoder import WHITESPACE, scanstring
from typing import TYPE_CHECKING, Iterator

from ..errors import PathfitError, Pos, Problem
from ..pipeline.located import Map
from ..pipeline.value_problems import JSON_READ
from ..pipeline.value_text import BLANKS
from .lines import Row

if TYPE_CHECKING:
    from ..api import Engine

# one CSV cell as the csv module reads it (its default dialect): a quote opens a quoted part
# only as the cell's first character, and inside it a doubled quote is a quote and a comma
# or a line break is text (to the end of the file, if it is never closed); after it, or in
# a cell that opens otherwise, a quote is text and a comma ends the cell
_CSV_CELL = re.compile(r'(?:"(?:[^"]|"")*(?:"|\Z))?[^,]*')
_BLANKS = re.compile("[ \t]*")  # leading blanks of a cell on its line, which its value is read without
_DECODER = json.JSONDecoder(parse_int=str, parse_float=str)  # only where values end: no number read as one


def at_input(problems: list[Problem], label: str) -> list[Problem]:
    """`problems` of one row's evaluation, each found at a rule (in a rule file, not in the input
    `label`: a fault of the rule set for this person, such as two values for a valued derived
    fact, PF231) moved to the input with no line or column, for the caller to put at the row's
    start, its rule's place kept in its message. Why: a place is read as one in the file named,
    so a rule's line and column given under the input's name point at a line of the input that
    says nothing of it, or that does not exist."""
    out = []
    for p in problems:
        if p.pos.file and p.pos.file != label:
            p = Problem(p.code, f"{p.message} (rules at {p.pos.file}:{p.pos.line}:{p.pos.col})", Pos(label),
                        p.severity)
        out.append(p)
    return out


def csv_cell_offsets(text: str) -> list[int]:
    """Where each cell of one CSV record (`text`, its lines as written) starts, 0-based."""
    offsets = [0]
    at, size = 0, len(text)
    while True:
        end = _CSV_CELL.match(text, at).end()
        if end >= size or text[end] != ",":
            return offsets
        at = end + 1
        offsets.append(at)


def csv_cell_positions(text: str, line: int) -> list[tuple[int, int]]:
    """(line, column) of each cell of one CSV record, `text` its lines as written from line
    `line`: the cell's first character after any blanks (a quoted cell's opening quote), or
    its start when it holds only blanks. A quoted cell may span lines, so a later cell may
    start on a later line; columns count characters, from 1."""
    offsets = csv_cell_offsets(text)
    ends = [at - 1 for at in offsets[1:]] + [len(text)]
    firsts = (_BLANKS.match(text, at, end).end() for at, end in zip(offsets, ends))
    return [_line_col(text, first if first < end and text[first] not in "\r\n" else at, line)
            for at, end, first in zip(offsets, ends, firsts)]


def _line_col(text: str, offset: int, line: int) -> tuple[int, int]:
    before = text.count("\n", 0, offset)
    return (line, offset + 1) if not before else (line + before, offset - text.rfind("\n", 0, offset))


def json_key_offsets(text: str) -> dict[str, tuple[int, int]]:
    """key -> (0-based offset of the key, of its value) for each key of `text`, a JSON
    object that has been read without a problem (one row of JSON Lines)."""
    return {key: (at, value) for key, at, value in json_keys(text)}


def json_keys(text: str) -> Iterator[tuple[str, int, int]]:
    """(key, 0-based offset of the key, of its value) for each key of `text`, a JSON object
    that JSON reads, in written order and each time it is written: a key written twice
    comes twice, so the row that repeats one can be told where (jsonl_rows)."""
    scan = _DECODER.scan_once
    at = WHITESPACE.match(text, WHITESPACE.match(text, 0).end() + 1).end()  # past the `{`
    while text[at] == '"':
        key, end = scanstring(text, at + 1)
        value = WHITESPACE.match(text, WHITESPACE.match(text, end).end() + 1).end()  # past the `:`
        end = scan(text, value)[1]
        yield key, at, value
        at = WHITESPACE.match(text, end).end()
        if text[at] != ",":
            break
        at = WHITESPACE.match(text, at + 1).end()


def located(row: Row, label: str) -> Map:
    """`row`'s facts as a Map that knows where each was written in the row's source."""
    source, facts = row.source, row.profile
    if source.header is None:
        marks = {key: (row.line, k + 1, row.line, v + 1)
                 for key, (k, v) in json_key_offsets(source.content).items() if key in facts}
    else:  # the cell a fact was read from (the last filled one under its name, as rows were read)
        marks = {name: (*at, *at) for name, cell, at in
                 zip(source.header, source.content, csv_cell_positions(source.text, row.line))
                 if name in facts and cell.strip(BLANKS)}
    out = _RowMap(facts)
    out.label, out.line, out.col = label, row.line, 1
    out.marks, out.surprises, out.as_written = marks, {}, {}
    if source.header is None:  # JSON's reading: a str among its values was a JSON string, text to every reader
        out.source = JSON_READ
    out.also_named = getattr(facts, "also_named", ())  # a JSON Lines row's `id`, hinted as the plain check hints it
    out.held = getattr(facts, "held", ())  # and whether the row holds it
    return out


class _RowMap(Map):
    """A row's located facts, with the names besides facts its reader says it may hold (RowFacts)."""

    __slots__ = ("also_named", "held")


def relocated(engine: Engine, row: Row, label: str, problems: list[Problem]) -> list[Problem]:
    """The profile check's `problems` with `row`'s facts, each at its cell or key, and so
    sorted by place as every list of problems is (all at one place, they were sorted by
    code and message). As given when the row kept no source, when one already has a place
    (it is not the check's), or should the located check ever say anything else: only
    places may change."""
    if row.source is None or any(p.pos.line for p in problems):
        return problems
    try:
        engine.check(located(row, label), label)
    except PathfitError as err:
        again = err.problems
    else:
        return problems
    return again if Counter(p[:2] for p in again) == Counter(p[:2] for p in problems) else problems
