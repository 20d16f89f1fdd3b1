"""Read decision records from a record file or an audit log, for show, replay and report.

A record file is one indented JSON object; a log is canonical JSON Lines, whose
lines start with `{"hash":` because keys are sorted. That first byte sequence
tells them apart without reading a large log twice. When a damaged first line
hides it, the shape of the file decides (is_log): pathfit writes a record file
over many lines and ends every log line with a newline, so a file of exactly one
whole line is a log of one entry, unless that line is a record on one line.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .log import MAX_LINE_BYTES, edited
from ..errors import PathfitError, Pos, Problem, fail
from ..pipeline.load import decode
from .record import MAX_RECORD_BYTES, check_record, loads_strict
from ..quote import quote


class Item(NamedTuple):
    """One record as found: where it is, the record (None if unusable) and its log entry."""

    where: Pos
    record: dict | None
    entry: dict | None = None
    problem: Problem | None = None
    box_at: Pos | None = None  # a record file's: the line of its sealed box, or of a version 1 record's `masking`
    subject_at: Pos | None = None  # ... and of its sealed subject's box

    @property
    def seal_where(self) -> Pos:
        """Where a problem with the record's seal or masks is said: a log entry's line; in a record
        file, whose `where` is the whole file (0:0), the line `audit verify` names for it."""
        return self.box_at or self.where

    @property
    def subject_where(self) -> Pos:
        """Where a problem with the record's sealed subject is said (as seal_where)."""
        return self.subject_at or self.where


def regular_file(path: str | Path) -> None:
    """PF100 unless `path` is a regular file: an audit log or a record is read more than once
    and locked, and a named pipe would make its reader wait for a writer that may never come."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise fail("PF100", f"cannot read file: {exc.strerror or exc}", Pos(str(path))) from None
    if not stat.S_ISREG(info.st_mode):
        raise fail("PF100", "cannot read file: not a regular file", Pos(str(path)))


def refuse_empty(path: str | Path) -> None:
    """PF109 at the file alone for a file with nothing in it (or a byte order mark alone): no
    record and no log entry, which a replay must not report as zero records replayed."""
    if _head(path, 4) in (b"", b"\xef\xbb\xbf"):
        raise fail("PF109", "empty file: neither a decision record nor an audit log", Pos(str(path)))


def _head(path: str | Path, size: int) -> bytes:
    """The first `size` bytes of a regular file, or PF100 at the file."""
    regular_file(path)
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except OSError as exc:
        raise fail("PF100", f"cannot read file: {exc.strerror or exc}", Pos(str(path))) from None


def is_log(path: str | Path) -> bool:
    """Whether `path` is read as an audit log rather than a record file, so that a log whose
    first line was damaged is still verified, shown and replayed as a log, the damaged line
    located and skipped, and never refused whole as a record file that does not parse."""
    # a log an editor gave a BOM is still a log, damaged at line 1
    head = _head(path, 13).removeprefix(b"\xef\xbb\xbf")[:10]
    if _starts_entry(head) or head == b"":
        return True
    return _shape_says_log(path)


def _starts_entry(head: bytes) -> bool:
    return head.startswith(b'{"hash":') or head[:10] == b'{"batch":{'  # a batch's begin marker


def _shape_says_log(path: str | Path) -> bool:
    """For a file whose first line does not start as a log entry: whether it is a log damaged
    at line 1. It is when the line after the first starts as an entry does (a record file is
    indented JSON: its second line starts with spaces or is its closing brace), and when the
    file is exactly one whole line, as a log of one entry is (pathfit never writes a record
    file on one line), unless that line begins a record file (`_is_record_line`)."""
    try:
        with open(path, "rb") as f:
            first = f.readline(MAX_LINE_BYTES + 1)
            if not first.endswith(b"\n"):  # no whole line: not a log's (a log's lines all end with one)
                return False
            after = f.read(10)
    except OSError as exc:
        raise fail("PF100", f"cannot read file: {exc.strerror or exc}", Pos(str(path))) from None
    return _starts_entry(after) if after else not _is_record_line(first)


ENTRY_KEYS = frozenset({"hash", "prev", "record", "seq", "time", "sig", "batch", "in_batch"})  # a log line's keys


def _is_record_line(line: bytes) -> bool:
    """Whether the only line of a file is a record file's: the `{` alone that opens an indented
    record (the rest cut off), a whole record put on one line, a JSON object with a
    `record_version` key, which no log entry has at its top, or JSON that is no log entry at all
    (an array, a string, an object with none of an entry's keys): refused as not a record
    (PF608) where it is, rather than counted as a damaged entry of a log it never was."""
    line = line.removeprefix(b"\xef\xbb\xbf")
    if line.strip() == b"{":
        return True
    if len(line) > MAX_RECORD_BYTES:
        return False
    try:
        doc = loads_strict(line.decode("utf-8"), Pos(""))
    except (UnicodeDecodeError, PathfitError):
        return False
    return not isinstance(doc, dict) or "record_version" in doc or not ENTRY_KEYS & doc.keys()


def read_record_file(path: str | Path) -> dict:
    """One record file, checked (shape, version, digests) or PathfitError."""
    return record_file_item(path).record


def record_file_item(path: str | Path) -> Item:
    """One record file, checked (shape, version, digests) or PathfitError, as an Item at the whole
    file, with the lines of its sealed box (or a version 1 record's masks) and sealed subject, so
    that every reader says a seal's problem where `audit verify` does, not at 0:0."""
    label = str(path)
    regular_file(path)
    try:
        with open(path, "rb") as f:  # bounded, should it grow while read
            data = f.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise fail("PF100", f"cannot read file: {exc.strerror or exc}", Pos(label)) from None
    if len(data) > MAX_RECORD_BYTES:
        raise fail("PF608", f"a record file is at most {MAX_RECORD_BYTES} bytes", Pos(label))
    try:
        text = decode(data, label, MAX_RECORD_BYTES)
    except PathfitError as err:
        raise PathfitError([p._replace(code="PF608") for p in err.problems]) from None
    doc = loads_strict(text, Pos(label))
    if not isinstance(doc, dict):  # located where the value starts; a record's own problems are the file's
        raise fail("PF608", f"a record must be a JSON object, not {_kind(doc)}", _value_start(text, label))
    record = check_record(doc, Pos(label))
    masking, subject = record.get("masking"), record.get("subject")
    box = masking.get("box") if isinstance(masking, dict) else None
    box_at = (_place(text, label, r'"box"\s*:\s*"' + re.escape(box[:32])) if isinstance(box, str)
              else _place(text, label, r'"masking"\s*:\s*\{') if isinstance(masking, dict) else None)
    subject_at = (_place(text, label, r'"box"\s*:\s*"' + re.escape(subject["box"][:32]))
                  if isinstance(subject, dict) and isinstance(subject.get("box"), str) else None)
    return Item(Pos(label), record, box_at=box_at, subject_at=subject_at)


def _place(text: str, label: str, pattern: str) -> Pos | None:
    """The line and column (1-based, characters) where `pattern` first matches in `text`, or None."""
    found = re.search(pattern, text)
    if found is None:
        return None
    offset = found.start()
    return Pos(label, text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


def _kind(value) -> str:
    """What JSON value `value` is, in words, for a file that holds something other than a record."""
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "true or false" if isinstance(value, bool) else "a number"


def _value_start(text: str, label: str) -> Pos:
    """The line and column (characters, 1-based) of the first character of `text` that is not
    JSON whitespace: where its one value starts."""
    skipped = len(text) - len(text.lstrip(" \t\r\n"))
    line = text.count("\n", 0, skipped) + 1
    return Pos(label, line, skipped - (text.rfind("\n", 0, skipped) + 1) + 1)


def unvouched_from(verdict) -> int:
    """The first line a log's verify verdict does not vouch for, 0 if it vouches for them all: the
    line after the entries it counts as verified, or line 1 for a problem of the whole log."""
    problem = verdict.problem
    return (verdict.entries + 1 if problem.pos.line else 1) if problem else 0


def each_item(lines: Iterable, label: str) -> Iterator[Item]:
    """The items of a log already read (engine.audit.log.read_lines), one at a time as they are
    made, for a reader that goes through a large log's items more than once and holds none of
    them (engine.audit.stream)."""
    for ln in lines:
        where = Pos(label, ln.number, 1)
        if ln.problem is not None:
            yield Item(where, None, None, ln.problem)
            continue
        if "record" not in ln.entry:  # a batch's begin or commit marker (engine.audit.commit)
            continue
        if ln.computed != ln.entry["hash"] or not ln.canonical:  # said as verify says it: hash or bytes
            yield Item(where, None, ln.entry, Problem("PF602", f"entry {edited(ln)}; "
                                                     "run `pathfit audit verify`", where))
            continue
        if ln.record_problem is not None:
            yield Item(where, None, ln.entry, ln.record_problem._replace(pos=where))
        else:
            yield Item(where, ln.entry["record"], ln.entry)


def select(items: Iterable[Item], record_id: str | None, label: str, damaged: bool = False,
           whole: bool = False) -> Item:
    """The one record `record_id` names (a unique prefix will do, unless `whole`), or the only
    one. A damaged record is still found by the id its entry holds, so that the answer names
    its own problem (raised, at its line) rather than saying no such record exists, and
    without `record_id` a log of damaged lines alone names the first one's problem, where
    "0 records here; name one with --id" gave advice no one could follow;
    with `damaged` it is returned instead (Item.record None, Item.problem set). The items
    are gone through once, keeping only the first of each kind found and how many. `whole`:
    the web service's `/report/ID`, where a prefix would let any caller walk the log a
    character at a time without an id the page gave out, and say how many records share it."""
    exact, prefixed, good, bad = _Found(), _Found(), _Found(), _Found()
    for i in items:
        good.add(i, i.record is not None)
        bad.add(i, i.record is None)
        rid = (i.record["id"] if i.record is not None else entry_id(i)) if record_id else None
        if rid is not None:
            exact.add(i, rid == record_id)
            prefixed.add(i, rid.startswith(str(record_id)))
    if record_id:
        found = exact if exact.count or whole else prefixed
        if found.count != 1:
            raise fail("PF616", f"{'no' if not found.count else found.count} records with id {quote(record_id)}",
                       Pos(label))
        if found.first.record is None and not damaged:
            raise PathfitError([found.first.problem])
        return found.first
    if not good.count and bad.count:  # no record to name with --id: what is wrong, at its line
        raise PathfitError([bad.first.problem])
    if good.count != 1:  # --id named only where there is a record to name
        raise fail("PF616", f"{good.count} records here; name one with --id" if good.count else "no records here",
                   Pos(label))
    return good.first


class _Found:
    """How many items were found of a kind, and the first."""

    def __init__(self) -> None:
        self.count = 0
        self.first: Item = Item(Pos(""), None)  # given only once count is 1 or more

    def add(self, item: Item, found: bool) -> None:
        if found:
            self.count, self.first = self.count + 1, self.first if self.count else item


def entry_id(item: Item) -> str | None:
    """The id a damaged record's log entry holds, if it holds one at all."""
    record = item.entry.get("record") if item.entry is not None else None
    rid = record.get("id") if isinstance(record, dict) else None
    return rid if isinstance(rid, str) and rid else None


def unverified_entry(item: Item, problem: Problem | None, unvouched_from: int, seal: Problem | None = None) -> bool:
    """Whether `item` is a log entry at or after the first line the log does not vouch for
    (engine.audit.stream.CheckedLog): with a problem, the chain vouches for the committed entries before
    that line only, so no record there may be shown as a log entry. A record whose own seals are
    that problem (`seal`, CheckedLog.seal) is not: its reader refuses it with that problem itself."""
    if problem is None or item.entry is None or seal is not None and seal.pos.line == item.where.line:
        return False
    return item.where.line >= unvouched_from
