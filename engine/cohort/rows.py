"""Cohort input: CSV or JSON Lines rows -> (row number, id, raw profile or a row error).

Rows stream one at a time, so memory stays flat however long the file. A bad
row (undecodable bytes, a control character, a lone surrogate escape, malformed JSON, an
unclosed quote, wrong number of CSV fields, a cell or row too large) becomes an error for
that row only; reading goes on. A device is refused, as it may never end.

CSV: a header row of fact names, plus an optional `id` and `subject` column, none twice (a
column named twice refuses the whole input, PF105, as does a column that names none of these,
PF401, or a derived fact, PF405, and a header that is not UTF-8, PF101); a UTF-8 BOM is
ignored, and a file opening with a UTF-16 or UTF-32 one is refused whole in either format
(PF101), as is one whose header (CSV) or first row (JSON Lines) holds NUL bytes, as such text
without the mark does; an empty cell is unknown, and a row of empty cells no row; a set is a
`;`- or `,`-separated list inside one cell (quote it if it holds commas); booleans are
true/false, yes/no, y/n or 1/0, in any case; numbers as written. JSON Lines: one object per
line (an `id` key is taken as the row id); duplicate keys are an error; a first row that is a
batch result refuses the input.

A row's problem is located at the cell or key it is about (locate.py), else at the row's
start. This module is where the formats meet: lines.py reads within the limits,
csv_read.py and jsonl_rows.py read each format.
"""
from __future__ import annotations

import os
import stat
from typing import BinaryIO, Iterator

from ..errors import PathfitError, Pos, Problem
from .csv_read import csv_row, read_csv
from .jsonl_rows import json_depth_problem, json_message, jsonl_row, read_jsonl
from .lines import MAX_DEPTH, Row, Unparsed, read_lines

__all__ = ["MAX_DEPTH", "Row", "Unparsed", "json_depth_problem", "json_message", "parsed", "read_rows", "sniff_kind"]


def read_rows(stream: BinaryIO, label: str, kind: str, facts: dict, parse: bool = True) -> Iterator[Row | Unparsed]:
    """`kind` is "csv" or "jsonl"; `facts` maps fact names to FactDef (for CSV typing).
    With `parse` False a row whose content is still to be parsed comes as Unparsed (a row
    found bad while reading still comes as a Row): `parsed` makes it the Row it would
    have been. A device is refused (`_not_a_device`)."""
    _not_a_device(stream, label)
    if kind == "jsonl":
        yield from read_jsonl(read_lines(stream, label, no_nul=True), label, parse, facts)
    else:
        undecodable: list[Problem] = []  # where the first line that is not UTF-8 goes wrong, for a bad header
        yield from read_csv(read_lines(stream, label, undecodable), label, facts, parse, undecodable)


def _not_a_device(stream: BinaryIO, label: str) -> None:
    """Refuse a cohort that is a device (PF100): rows are read to the file's end, and a device
    may have none (`/dev/zero` is one line that never ends, skipped for ever as over the
    limit). A regular file ends; a pipe ends when its writer does, and is read as rows."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # not a file at all (an in-memory stream)
        return
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise PathfitError([Problem("PF100", "cannot read file: not a plain file or a pipe but a device: a cohort "
                                    "is read to its end, which a device may never reach", Pos(label))])


def parsed(row: Row | Unparsed, label: str, facts: dict) -> Row:
    """The Row read_rows(..., parse=True) gives for what read_rows(..., parse=False) gave."""
    if type(row) is not Unparsed:
        return row
    if row.header is None:
        return jsonl_row(row, label)
    return csv_row(row, label, facts)


def sniff_kind(name: str, explicit: str | None = None) -> str:
    """The input's format: `explicit` if given, else JSON Lines by the file name's
    extension (.jsonl, .ndjson, .json), else CSV."""
    if explicit:
        return explicit
    return "jsonl" if name.lower().endswith((".jsonl", ".ndjson", ".json")) else "csv"
