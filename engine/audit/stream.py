"""A log's records one at a time, after the whole log was verified, for `audit show` and `replay`.

Holding every record of a log to show or replay them took about four times the log's size in
memory (6 GB for a year's log of 50,000 sealed records). Reading it twice holds one record at a
time: a first pass checks every line and verifies the chain keeping no record (its entries'
hashes, ids and the SHA-256 of each line's bytes), so that what verify finds is known before
anything that depends on it is shown; a second pass reads each good record again from where the
first found it. A line read again must be the very bytes the first pass checked (its SHA-256):
a log cut and written again between the passes (`audit verify --repair`, then appends) is
refused at that line (PF100), never shown as the record the chain vouched for. Appends past the
size taken under the lock are not read by either pass.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Pos, Problem, fail
from .log import MAX_LINE_BYTES, Line, Stopped, read_lines
from .read import Item, each_item, is_log, record_file_item, unvouched_from

if TYPE_CHECKING:
    from threading import Event

    from .masking import AuditKey


class CheckedLog:
    """A record file or a log, checked, its records to be read one at a time (`records`).

    `items`: every item of the file, a log's damaged lines among them (engine.audit.read.
    each_item), but with each good record of a log cut down to its id (read_lines' `keep`):
    enough to count, select by id and name damaged lines; for a log, made afresh from its packed lines each time they are gone through (Items), so
    that what is held for each entry to the end is what PackedLines holds.
    `problem`: the first problem `audit verify` finds in a log's chain and batch markers (None for a
    record file or a log that verifies); `unvouched_from`: the first line the log does not vouch
    for, 0 if none (engine.audit.read.unvouched_from); `seal`: that problem when it is a record's own
    seals not holding (found by the seal check at its line, PF630 or PF608), which that record's
    reader names once, as its own problem, not again as the log's (None otherwise).
    `key`: gives the audit key (None: there is none), asked for when the first sealed or masked
    record is read: with one, every record's seals are checked as `audit verify` checks them with
    that key (engine.audit.seal_check), so a seal that does not hold is the log's problem at its
    line, and no record after it is taken for one the log vouches for. A record file's seals are
    checked so too, its box kept opened: a reader then opens it no more (`opened`, `drawn`)."""

    def __init__(self, path: str | Path, stop: Event | None = None,
                 key: Callable[[], AuditKey | None] | None = None) -> None:
        self.label = str(path)
        self.path = path
        self._lines: Sequence[Line] = []
        self._seals: _Seals | None = None
        self.items: Sequence[Item] | Items
        self._file: Item | None = None  # a record file's record opened by its seals' check, once they held
        if not is_log(path):
            item = record_file_item(path)
            self.items = [item]
            self.problem, self.unvouched_from, self.seal = None, 0, None
            if key is not None:  # a problem is its reader's to raise, in its turn, as before
                self._seals = _Seals(key, keep=True)
                self._seals(item.record, item.seal_where, item.subject_where, line=0)
                if 0 not in self._seals.unvouched and self._seals.whole is not None:
                    self._file = item._replace(record=self._seals.whole)
            return
        from .verify import verify_lines

        self._seals = None if key is None else _Seals(key)
        self._lines = read_lines(path, self.label, stop=stop, keep=lambda record: False, digests=True, packed=True,
                                 inspect=self._seals)
        if stop is not None and stop.is_set():
            raise Stopped(f"{self.label}: read given up before it was checked")
        verdict = verify_lines(self._lines, self.label)
        self.problem = verdict.problem
        self.unvouched_from = unvouched_from(verdict)
        line = self.problem.pos.line if self.problem is not None else 0
        self.seal = self.problem if line and self._lines[line - 1].seal_problem == self.problem else None
        self.items = Items(self._lines, self.label)

    def records(self, only: set[int] | None = None) -> Iterator[Item]:
        """Every item in order (or those at the line numbers in `only`), each good record read
        again whole; PF100 at a line that is no longer the line the first pass checked."""
        if not self._lines:
            yield from (i for i in self.items if only is None or i.where.line in only)
            return
        try:
            with open(self.path, "rb") as f:
                for item in self.items:
                    if only is not None and item.where.line not in only:
                        continue
                    if item.record is None:
                        yield item
                        continue
                    yield self._again(f, self._lines[item.where.line - 1], item)  # line n is at n - 1
        except OSError as exc:
            raise fail("PF100", f"cannot read audit log: {exc.strerror or exc}", Pos(self.label)) from None

    def whole(self, item: Item) -> Item:
        """`item`, one of `items`, with its record read whole again: the one record a report draws
        (a damaged one as it is)."""
        return next(self.records({item.where.line}))

    def opened(self, item: Item, key: AuditKey | None, purpose: str) -> Item:
        """`item`, one of `records`, with its sealed record opened with `key` (engine.audit.sealing.
        open_record, its errors too). One whose seals were checked with that very key as the log was
        verified, and held, is only opened: open_record checked it then, and it is the same bytes
        (`records`), so its checks are not made again (they were a fifth of a sealed log's listing)."""
        from .sealing import is_sealed_record, open_parts, open_record, opened

        if item.record is None or not is_sealed_record(item.record):
            return item
        if not self._held(item, key):
            return item._replace(record=open_record(key, item.record, item.seal_where, purpose))
        if self._file is not None:
            return self._file
        return item._replace(record=opened(item.record, open_parts(key, item.record, item.seal_where, purpose)))

    def drawn(self, item: Item, key: AuditKey | None, purpose: str) -> tuple[dict, str]:
        """`item`'s record opened with `key`, and what the page drawing it says was and was not
        checked of it (engine.audit.seal_check.checked_for_reading, its errors too): for a record
        whose seals held with that very key as the log (or record file) was checked, only opened."""
        from .seal_check import checked_for_reading, partly_note
        from .sealing import is_sealed_record

        if not self._held(item, key) or item.where.line in self._seals.unvouched:
            return checked_for_reading(key, item.record, item.seal_where, item.subject_where, purpose)
        # every seal opened with the key and held, and no masks (a masked record is never vouched for)
        v2 = is_sealed_record(item.record) and item.record["record_version"] == 2
        return self.opened(item, key, purpose).record, partly_note(key) if v2 else ""

    def _held(self, item: Item, key: AuditKey | None) -> bool:
        """Whether `item`'s seals were checked with `key` as the log (or record file) was read, and
        none failed: its box, opened then, is the same bytes (`records`), and is only opened again."""
        seals = self._seals
        if key is None or seals is None or seals.key != key or item.record is None:
            return False
        return self._lines[item.where.line - 1].seal_problem is None if item.where.line else self._file is not None

    def to_check(self, key: AuditKey | None, only: set[int] | None = None) -> Iterator[Item]:
        """`records(only)` a reader checking each record with `key` must still check itself: all but
        those verifying the log vouched for, with that very key (a record whose every seal opened
        and held, or one with nothing to open or mask); what it would find in them it found."""
        seals = self._seals
        if seals is None or seals.key is not None and seals.key != key:
            return self.records(only)
        return self.records(seals.unvouched if only is None else only & seals.unvouched)

    def _again(self, f, ln: Line, item: Item) -> Item:
        """`item` with its entry and record read again from line `ln`'s bytes."""
        f.seek(ln.offset)
        raw = f.readline(MAX_LINE_BYTES + 1)
        if hashlib.sha256(raw).digest() != ln.digest:
            raise fail("PF100", "cannot read audit log: this line is not the line verified a moment before (the "
                       "log was changed while it was read); read it again", item.where)
        entry = json.loads(raw)  # the bytes the first pass parsed strictly and checked
        return Item(item.where, entry["record"], entry)


class _Seals:
    """read_lines' `inspect`: each record's seals checked with the audit key (SealCheck), the key
    asked for only when a record is sealed or masked, as every reader asks for it."""

    def __init__(self, key: Callable[[], AuditKey | None], keep: bool = False) -> None:
        from .seal_check import SealCheck, is_masked_record
        from .sealing import is_sealed_record
        from .subject import is_sealed

        self._key, self._check, self._make, self._keep = key, None, SealCheck, keep
        self._sealed = lambda r: is_sealed_record(r) or is_sealed(r.get("subject")) or is_masked_record(r)
        self._masked = is_masked_record
        self.unvouched: set[int] = set()  # the lines of records whose seals were not all opened and held

    @property
    def key(self) -> AuditKey | None:
        """The key every seal was checked with (None: none, or no record was sealed)."""
        return None if self._check is None else self._check.key

    @property
    def whole(self) -> dict | None:
        """With `keep`: the last record's box, opened by its check (SealCheck.whole)."""
        return None if self._check is None else self._check.whole

    def __call__(self, record: dict, pos: Pos, subject_pos: Pos | None = None, line: int | None = None
                 ) -> Problem | None:
        """SealCheck's problem with `record`; `line`: the record's line, if not `pos`'s (a record file's, 0)."""
        if self._check is None:
            if not self._sealed(record):
                return None
            self._check = self._make(self._key(), keep=self._keep)
        checked = self._check.checked
        problem = self._check(record, pos, subject_pos)
        # vouched for: nothing to open, or every seal opened with the key and held (SealCheck counts it);
        # not a version 1 record's masks, which a reader recovers rather than opens
        if problem is not None or self._sealed(record) and (self._check.checked == checked or self._masked(record)):
            self.unvouched.add(pos.line if line is None else line)
        return problem


class Items:
    """A log's items (engine.audit.read.each_item), made from its lines each time they are gone
    through and dropped after: a reader goes through them a few times (warnings, a listing's ids,
    the records to read again), and holding them took more than the lines themselves."""

    def __init__(self, lines: Sequence[Line], label: str) -> None:
        self._lines, self._label = lines, label

    def __iter__(self) -> Iterator[Item]:
        return each_item(self._lines, self._label)
