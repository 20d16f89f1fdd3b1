"""Repair what an interrupted append left at the end of an audit log.

A crash can leave a partial last line (PF606) and, in a batch, whole entries of a
unit that was never committed (PF625). Neither was acknowledged: `recommend`
reports success only after the fsync, and a batch only after its commit marker.
Repair sets those bytes aside in LOG.partial-TIME, every byte or none, and cuts
them off under the exclusive lock, only when every other line verifies; a log
with any other problem is left alone for an auditor to look at. A batch whose
commit marker was cut off the end looks exactly like one interrupted: only a
head kept earlier tells them apart, so `committed_end` may refuse (raise) too,
as `pathfit audit verify --repair` does when the head it is given is not in
what the repair would keep.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import PathfitError, Pos, Problem, fail
from ..files import fsync_dir, write_atomic
from .locking import open_locked
from .log import Line, read_lines
from .record import utc_now
from ..quote import shown_path


def repair(path: str | Path, committed_end: Callable[[Sequence[Line]], int | None],
           inspect: Callable[[dict, Pos], Problem | None] | None = None) -> tuple[int, int, str, str] | None:
    """Set aside what an interrupted append left at the end (a partial last line,
    an uncommitted batch, or both) in LOG.partial-TIME and cut it off, under the
    lock. `committed_end(lines)` (engine.audit.verify) -> the index of the first
    line of an uncommitted tail, or None, and raises if anything else is wrong:
    then nothing is repaired. -> (first line cut, bytes, aside path, what was
    cut), or None if there was nothing to repair. `inspect` (engine.audit.seal_check.SealCheck)
    checks each record's seals as the lines are read, as verify with the audit key does."""
    path = Path(path)
    label = str(path)
    if not path.is_file():
        raise fail("PF100", "cannot read audit log: no such file", Pos(label))
    fd = open_locked(path, label)
    try:
        # we hold the exclusive lock; the lines packed, as verify holds them (about 2 KB an entry unpacked)
        lines = read_lines(path, label, keep_records=False, lock=False, packed=True, inspect=inspect)
        partial = bool(lines) and lines[-1].problem is not None and lines[-1].problem.code == "PF606"
        whole = _Before(lines, len(lines) - 1) if partial else lines
        begin = committed_end(whole)
        if begin is None and not partial:
            return None
        first = whole[begin] if begin is not None else lines[-1]
        what = "the uncommitted batch" if begin is not None else "the partial entry"
        if begin is not None and partial:
            what += " and a partial entry after it"
        size = os.fstat(fd).st_size
        cut = os.pread(fd, size - first.offset, first.offset)
        aside = path.with_name(f"{path.name}.partial-{utc_now().replace(':', '')}")
        try:
            write_atomic(aside, cut, replace=False, code="PF617")  # every byte written, or no aside and no cut
        except PathfitError as err:
            raise fail("PF617", f"cannot set {what} aside in {shown_path(aside.name)}: {err.problems[0].message}; "
                       "the log was not repaired", Pos(label)) from None
        os.ftruncate(fd, first.offset)
        os.fsync(fd)
        fsync_dir(path.parent)
        return first.number, len(cut), str(aside), what
    finally:
        os.close(fd)


class _Before(Sequence[Line]):
    """The first `count` of `lines`, each given back as `lines` gives it: every line but a partial
    last one, without a slice's list, which would unpack every line the packed lines hold."""

    def __init__(self, lines: Sequence[Line], count: int) -> None:
        self._lines, self._count = lines, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # an int or a slice, as a list's
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(self._count))]
        i = index + self._count if index < 0 else index
        if not 0 <= i < self._count:
            raise IndexError("line index out of range")
        return self._lines[i]
