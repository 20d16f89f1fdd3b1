"""All or none for a batch: begin and commit markers in the audit log.

A batch's records go into the log as one unit, in the chain like any entry:

    {"batch": {"id": ID, "mark": "begin", "records": N}, "hash", "prev", "seq", "time"}
    {"hash", "in_batch": ID, "prev", "record": {...}, "seq", "time"}      x N
    {"batch": {"id": ID, "mark": "commit", "records": N}, "hash", "prev", "seq", "time"}

(each signed, like any entry, when a signing key is set). A kill at any moment
leaves the log ending either after the commit or inside the unit: verify reports
the second as an uncommitted tail (PF625), appends refuse to continue after it,
and `audit verify --repair` sets it aside. Only committed records count.

The batch id is derived from what decides the records: the input's bytes, the
rule set's digest and the options that change how rows are read. Re-running the
same batch after a crash therefore has the same id, and a batch whose id is
already committed is refused (PF627) before any row runs and again under the
log's lock, so a row is never logged twice.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import BinaryIO, NamedTuple

from ..counting import agreeing, counted_of
from ..errors import PathfitError, Pos, Problem, counted, fail
from ..safe_text import one_line
from .record import canonical

_ID = re.compile(r"[0-9a-f]{64}")
MARKS = ("begin", "commit")
MARKER_PREFIX = b'{"batch":{'  # canonical key order puts "batch" first in a marker line


class Batch(NamedTuple):
    """A batch about to be appended: its id and how many records it holds."""

    id: str
    records: int


def batch_id(input_digest: str, ruleset_digest: str, options: dict) -> str:
    """SHA-256 over the input's SHA-256, the rule set's digest and the reading options."""
    return hashlib.sha256(b"pathfit-batch\0" + canonical(
        {"input": input_digest, "options": options, "ruleset": ruleset_digest})).hexdigest()


def file_digest(stream: BinaryIO) -> str:
    """SHA-256 of the bytes of the file open as `stream` (a regular file, at its start), read in
    blocks, the stream left at its start again (OSError propagates to the caller). By the open
    file, not by its name: the rows are read from that stream, and a file put in place of the
    name meanwhile (renamed onto it) would give them another file's id."""
    h = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        h.update(block)
    stream.seek(0)
    return h.hexdigest()


def marker(mark: str, batch: Batch) -> dict:
    return {"id": batch.id, "mark": mark, "records": batch.records}


def marker_shape(value) -> str:
    """Why `value` is not a well-formed marker, or ""."""
    if not isinstance(value, dict) or set(value) != {"id", "mark", "records"}:
        return "entry batch must have exactly id, mark and records"
    if not isinstance(value["id"], str) or not _ID.fullmatch(value["id"]):
        return "entry batch id is not 64 lowercase hex digits"
    if value["mark"] not in MARKS:
        return "entry batch mark is neither begin nor commit"
    n = value["records"]
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        return "entry batch records is not a whole number"
    return ""


def in_batch_shape(value) -> str:
    return "" if isinstance(value, str) and _ID.fullmatch(value) else "entry in_batch is not 64 lowercase hex digits"


def committed_count(entry: dict) -> str:
    """How many records a commit marker entry (find_committed) says its batch holds, with the
    noun that agrees ('1 record', '3 records'), for the messages that cite it; a count that is
    not a whole number (the marker is read as the log holds it, unchecked) on one line as it is."""
    n = entry["batch"].get("records")
    return counted(n, "record") if isinstance(n, int) and not isinstance(n, bool) else f"{one_line(str(n))} records"


def find_committed(path: str, wanted: str) -> dict | None:
    """The commit marker entry of batch `wanted` in the log at `path`, or None.

    Reads only marker lines (they start with MARKER_PREFIX), so a large log costs
    one pass over its bytes, not a parse of every record."""
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        return None
    with f:
        for raw in f:
            if not raw.startswith(MARKER_PREFIX):
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                continue
            mark = entry.get("batch") if isinstance(entry, dict) else None
            if isinstance(mark, dict) and mark.get("id") == wanted and mark.get("mark") == "commit":
                return entry
    return None


def committed_rows(path: str, commit: dict) -> dict:
    """{row number: (record id, recommendation, referral)} of the records of the batch whose
    commit marker entry is `commit` (find_committed): what a re-run needs to restore the
    output of a run stopped between its commit and its output's rename. Reads only the
    lines that name the batch; the records' clear parts carry the outcome, sealed or not.

    The output is written from these lines, so each is checked as the log's readers check
    it, and damage is refused at its line before anything is written: not an entry (PF601),
    an entry or its record changed after it was written (PF602, as verify names it), no
    record this pathfit reads or one with no row (PF608, PF615), and a count of records
    other than the commit's (PF626, at the commit marker). The chain between the lines is
    not walked here: `pathfit audit verify` does that."""
    from .log import parse_line  # log.py imports this module for the markers' shapes

    wanted_id = commit["batch"]["id"]
    wanted = b'"in_batch":"' + wanted_id.encode() + b'"'
    out: dict = {}
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            if raw.startswith(MARKER_PREFIX) and wanted_id.encode() in raw:  # its begin or commit marker
                entry = _intact(parse_line(raw, number, path), path)
                if entry == commit:
                    return _all_rows(out, commit, Pos(path, number, 1))
                continue
            if wanted not in raw[:200]:
                continue
            entry = _intact(parse_line(raw, number, path), path)
            if entry.get("in_batch") != wanted_id or entry["seq"] >= commit["seq"]:
                continue
            r, at = entry["record"], Pos(path, number, 1)
            row = r.get("source", {}).get("row") if isinstance(r.get("source"), dict) else None
            name = f"record {one_line(str(r['id']))} of batch {wanted_id[:12]}"
            if not isinstance(row, int) or isinstance(row, bool) or row < 1:
                raise fail("PF608", f"{name} names no input row (source.row); the output cannot be restored "
                           "from it", at)
            if row in out:
                raise fail("PF608", f"{name} names row {row}, as record {one_line(str(out[row][0]))} does; the "
                           "output cannot be restored from them", at)
            out[row] = (r["id"], r["decision"]["recommendation"], r["decision"]["referral"])
    return _all_rows(out, commit, Pos(path))  # the commit not found again: the log changed since find_committed


def _intact(line, label: str) -> dict:
    """The entry of a parsed log line, or its damage raised located at the line, coded as
    `pathfit audit verify` codes it."""
    at = Pos(label, line.number, 1)
    if line.problem is not None:
        raise PathfitError([line.problem])
    from .log import edited  # log.py imports this module for the markers' shapes

    record = line.record_problem
    what = edited(line)
    if what:
        raise fail("PF602", f"entry seq {line.entry['seq']} was edited: its content {what}; the batch's output "
                   "cannot be restored from it. Run `pathfit audit verify`", at)
    if record is not None:
        raise PathfitError([record._replace(pos=at)])
    return line.entry


def _all_rows(out: dict, commit: dict, at: Pos) -> dict:
    """`out` if it holds as many records as the commit marker says, else PF626 there."""
    if len(out) != commit["batch"]["records"]:
        raise fail("PF626", f"batch {commit['batch']['id'][:12]} commits {counted(commit['batch']['records'], 'record')}, "
                   f"but {counted(len(out), 'whole record')} of it {agreeing(len(out), 'is', 'are')} in the log before this marker; the output cannot be "
                   "restored. Run `pathfit audit verify`", at)
    return out


class Units:
    """Walks a verified chain entry by entry and checks that batch units nest
    properly: every in_batch entry inside its own begin, a commit naming the open
    batch with the count it began with, no begin inside another, no plain entry
    inside a batch. `open_at` is the index of an uncommitted begin, if any."""

    def __init__(self, label: str):
        self.label = label
        self.open_at: int | None = None
        self._open: dict | None = None
        self._seen = 0
        self._line = 0

    def step(self, i: int, number: int, entry: dict) -> Problem | None:
        at = Pos(self.label, number, 1)
        mark = entry.get("batch")
        if mark is not None and mark["mark"] == "begin":
            if self._open is not None:
                return Problem("PF626", f"batch {mark['id'][:12]} begins inside batch {self._open['id'][:12]} "
                               f"(begun at line {self._line}, with no commit marker between them)", at)
            self._open, self._seen, self._line, self.open_at = mark, 0, number, i
            return None
        if mark is not None:  # commit
            if self._open is None or self._open["id"] != mark["id"]:
                return Problem("PF626", f"commit of batch {mark['id'][:12]} with no begin of that batch before it",
                               at)
            if mark["records"] != self._open["records"] or self._seen != mark["records"]:
                return Problem("PF626", f"batch {mark['id'][:12]} began with {counted(self._open['records'], 'record')}, "
                               f"holds {self._seen} and commits {mark['records']}", at)
            self._open, self.open_at = None, None
            return None
        inside = entry.get("in_batch")
        if self._open is None and inside is not None:
            return Problem("PF626", f"entry belongs to batch {inside[:12]}, which was not begun before it", at)
        if self._open is not None and inside != self._open["id"]:
            return Problem("PF626", f"entry inside batch {self._open['id'][:12]} (begun at line {self._line}) "
                           "does not belong to it", at)
        self._seen += self._open is not None
        return None

    def tail_problem(self) -> Problem | None:
        """PF625 at the begin of an uncommitted last batch, or None."""
        if self._open is None:
            return None
        return Problem("PF625", f"batch {self._open['id'][:12]} begun here has no commit marker after it: its "
                       f"{counted_of(self._seen, self._open['records'], 'record')} {agreeing(self._seen, 'is', 'are')} an uncommitted tail, as a batch run "
                       "interrupted before its commit leaves, or a commit marker cut off the end; only committed "
                       "records count. Run `pathfit audit verify --repair` to set them aside, with the head you "
                       "kept (--expect-head or --head-statement), if any, so that it is checked first",
                       Pos(self.label, self._line, 1))
