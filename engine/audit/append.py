"""Appending to the audit log (engine.audit.log): the writer's side of the hash chain.

Appends are safe with many writers: each takes an exclusive flock on the log,
checks the last entry, writes one whole line with O_APPEND, and fsyncs before
releasing the lock. A crash mid-write leaves a last line without its newline:
verify reports it (PF606), appends refuse to continue after it, and
`pathfit audit verify --repair` cuts it off, keeping the cut bytes aside
(engine.audit.repair, which locks the log the same way: open_locked).

A batch goes in as one unit between begin and commit markers (engine.audit.commit);
a unit cut short by a crash is an uncommitted tail, refused and repaired alike.

The entry format and the reading of it are engine.audit.log's, shared by every
reader; a writer reads only the last entry, with the same parser, before it
continues the chain, so what it refuses to append after is what verify reports.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from ..errors import Pos, counted, fail
from ..files import fsync_dir, reason
from ..safe_text import one_line
from .commit import Batch, committed_count, find_committed, marker
from .locking import need_locks, open_locked, open_log, remove_created
from .log import GENESIS, MAX_LINE_BYTES, edited, parse_line
from .record import canonical, check_record, utc_now
from .signing import load_signer, refuse_unsigned_after_signed, sign_entry

_FROM_ENV = object()  # append_lines(signer=...): load $PATHFIT_SIGNING_KEY_FILE


def append(path: str | Path, record: dict, signer=_FROM_ENV) -> dict:
    """Append `record` as the next entry; -> the entry written. Raises
    PathfitError, leaving the log as it was, if the log's tail is damaged or
    the write fails. Signed when $PATHFIT_SIGNING_KEY_FILE names a key."""
    global _LAST_APPENDED
    check_record(record, Pos(str(path)))  # a log holds sealed records only
    written: list[bytes] = []
    _, last = append_lines(path, [canonical(record)], signer, _written=written)
    _LAST_APPENDED = (written[0], (last["hash"], last["seq"], "sig" in last))
    return {**last, "record": record}


# The last entry `append` wrote, as its bytes, and what `_tail` reads of them: a service records
# one decision a request, each append read the entry before it back, and most often that entry
# is the one this process has just written, still exactly as written. The line was built here
# from a record check_record passed, so parsing it finds what was written; any other bytes (one
# changed since, another process's entry) are parsed and refused as before.
_LAST_APPENDED: tuple[bytes, tuple[str, int, bool]] | None = None


def check_appendable(path: str | Path, batch: str | None = None) -> None:
    """Raise now, before a long batch run, what `append_lines` would raise at its
    end: a log that cannot be opened or locked, one with a damaged or uncommitted
    tail, or (with a batch id) one in which that batch is already committed."""
    path = Path(path)
    need_locks(str(path))
    signer = load_signer()  # an unusable signing key fails now, not after the batch has run
    if path.is_dir():
        raise fail("PF617", "the audit log is a directory", Pos(str(path)))
    if not path.exists():
        if not path.parent.is_dir():
            raise fail("PF617", "cannot open audit log: its directory does not exist", Pos(str(path)))
        return
    fd = open_locked(path, str(path))
    try:
        refuse_unsigned_after_signed(_tail(fd, os.fstat(fd).st_size, str(path))[2], signer, str(path))
        if batch is not None:
            _refuse_committed(path, batch, after_rows=False)
    finally:
        os.close(fd)


def _refuse_committed(path: Path, batch: str, after_rows: bool) -> None:
    """PF627 if `batch` is committed in the log. Checked before a batch's first row runs and
    again under the lock just before its records are appended (`after_rows`): by then every
    row was run, and what is true to say is that nothing was appended, not that nothing ran."""
    entry = find_committed(str(path), batch)
    if entry is not None:
        # the marker's fields are read as the log holds them, unchecked: shown on one line each
        seq, time = (one_line(str(v)) for v in (entry.get("seq"), entry.get("time")))
        what = f"this batch (the same input bytes, rule set and input format: batch {batch[:12]})"
        marker = f"{committed_count(entry)}, committed at seq {seq} on {time}"
        if after_rows:  # for a batch run, committed since its check before the first row: by another run of it
            raise fail("PF627", f"{what} is already committed to the log ({marker}), found as this run's records "
                       "were about to be appended: appending them would log its rows twice, so its rows were run "
                       "but nothing was appended or written", Pos(str(path)))
        raise fail("PF627", f"{what} was already committed to the log: {marker}; running it again would log its "
                   "rows twice, so nothing was run or appended", Pos(str(path)))


def append_lines(path: str | Path, records: Iterable[bytes | memoryview], signer=_FROM_ENV,
                 batch: Batch | None = None, _written: list | None = None) -> tuple[int, dict | None]:
    """Append many records, given as their canonical JSON bytes, under one lock
    and one fsync: how a batch run audits a cohort without an fsync per row.
    -> (records written, the last entry without its record, or None).

    With `batch`, the records go in as one unit: a begin marker, the records
    (each naming the batch in `in_batch`), a commit marker (engine.audit.commit);
    the batch is refused (PF627) if already committed, and the number of records
    must be `batch.records`. All or nothing for errors pathfit sees: a failed
    write cuts the log back to where it was. A kill mid-way leaves whole entries
    and at most one partial last line: without the commit marker they are an
    uncommitted tail, which verify reports and `--repair` sets aside.
    The records are the caller's own, just built (engine.cohort.batch); they are not
    parsed again, so the entry bytes are assembled here in canonical key order
    (hash, in_batch, prev, record, seq, sig, time) and tests verify the result with verify.
    `signer` (default: the key $PATHFIT_SIGNING_KEY_FILE names, if any) signs
    each entry's hash (engine.audit.signing)."""
    path = Path(path)
    label = str(path)
    if signer is _FROM_ENV:
        signer = load_signer()
    fd, created = open_log(path, label)
    try:
        size = os.fstat(fd).st_size
        prev, seq, signed = _tail(fd, size, label)
        refuse_unsigned_after_signed(signed, signer, label)
        if batch is not None:
            _refuse_committed(path, batch.id, after_rows=True)
        count, last, buffer = 0, None, bytearray()
        inside = b'"in_batch":"' + batch.id.encode() + b'",' if batch else b""

        def add(pieces: list, digest: str, stamp: str, sig: dict | None) -> None:
            """Buffer one entry's line, given as the pieces it is joined from (a record is not copied to join it)."""
            nonlocal prev, last
            size = sum(map(len, pieces))
            if size > MAX_LINE_BYTES:
                raise fail("PF617", f"entry {seq} would be {size} bytes; the limit is {MAX_LINE_BYTES}",
                           Pos(label))
            for piece in pieces:
                buffer.extend(piece)
            if _written is not None:  # `append`'s one line, as written
                _written[:] = [b"".join(pieces)]
            last = {"hash": digest, "prev": prev, "seq": seq, "time": stamp}
            if sig is not None:
                last["sig"] = sig
            prev = digest
            if len(buffer) >= 1 << 20:
                _write_all(fd, buffer)
                buffer.clear()

        def add_record(record: bytes | memoryview) -> None:
            # the entry without "hash" is head + record + tail: hashed piece by piece, and written with
            # "hash" (and "sig", when signed) put in their places in canonical key order
            stamp = utc_now()
            head = b"".join([inside, b'"prev":"', prev.encode(), b'","record":'])
            seq_part = b',"seq":' + str(seq).encode()
            tail = b',"time":"' + stamp.encode() + b'"}'
            hashed = hashlib.sha256(b"{")
            for piece in (head, record, seq_part, tail):
                hashed.update(piece)
            digest = hashed.hexdigest()
            sig = sign_entry(signer, digest) if signer is not None else None
            add([b'{"hash":"', digest.encode(), b'",', head, record, seq_part,
                 *((b',"sig":', canonical(sig)) if sig is not None else ()), tail, b"\n"], digest, stamp, sig)

        def add_marker(mark: str) -> None:
            entry = {"batch": marker(mark, batch), "prev": prev, "seq": seq, "time": utc_now()}
            entry["hash"] = hashlib.sha256(canonical(entry)).hexdigest()
            sig = sign_entry(signer, entry["hash"]) if signer is not None else None
            if sig is not None:
                entry["sig"] = sig
            add([canonical(entry), b"\n"], entry["hash"], entry["time"], sig)

        try:
            if batch is not None:
                seq += 1
                add_marker("begin")
            for record in records:
                seq += 1
                add_record(record)
                count += 1
            if batch is not None:
                if count != batch.records:
                    raise fail("PF617", f"the batch has {counted(count, 'record')}, not the {batch.records} announced; "
                               "the log was left as it was", Pos(label))
                seq += 1
                add_marker("commit")
            _write_all(fd, buffer)
            os.fsync(fd)
        except OSError as exc:
            _undo(fd, size, created and size == 0, path)
            raise fail("PF617", f"cannot append: {reason(exc)}; the log was left as it was",
                       Pos(label)) from None
        except BaseException:
            _undo(fd, size, created and size == 0, path)
            raise
        if size == 0 and last is not None:
            fsync_dir(path.parent)
        return count, last
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _tail(fd: int, size: int, label: str) -> tuple[str, int, bool]:
    """(hash, seq, whether signed) of the last entry, checked; refuse to continue a damaged tail."""
    if size == 0:
        return GENESIS, 0, False
    if os.pread(fd, 1, size - 1) != b"\n":
        raise fail("PF606", "the log ends with a partial line (an append cut off, or the log cut short inside a "
                   "line); refusing to append "
                   "after it. Run `pathfit audit verify --repair` first", Pos(label))
    begin = _last_line_start(fd, size - 1, label)
    raw = os.pread(fd, size - begin, begin)
    known = _LAST_APPENDED
    if known is not None and known[0] == raw:  # the entry `append` wrote last, byte for byte as written
        return known[1]
    line = parse_line(raw, 0, label)
    where = f"the last entry (at byte {begin})"
    if line.problem:
        raise fail(line.problem.code, f"{where} is damaged: {line.problem.message}; refusing to append. "
                   "Run `pathfit audit verify`", Pos(label))
    record = line.record_problem
    what = edited(line)  # named as verify names it: bytes or record changed after it was written
    if what:
        raise fail("PF602", f"{where} was edited: its content {what}; refusing to append. "
                   "Run `pathfit audit verify`", Pos(label))
    if record:  # chained as written, but no record this pathfit reads: its own code (PF608, or PF615: newer)
        raise fail(record.code, f"{where} holds no record this pathfit can continue after: {record.message}; "
                   "refusing to append. Run `pathfit audit verify`", Pos(label))
    unit = line.entry.get("in_batch") or (line.entry.get("batch") or {}).get("mark") == "begin"
    if unit:
        raise fail("PF625", "the log ends inside a batch, with no commit marker after it (a batch run interrupted "
                   "before its commit, or a commit marker cut off the end); refusing to append after it. Run "
                   "`pathfit audit verify` first", Pos(label))
    return line.entry["hash"], line.entry["seq"], "sig" in line.entry


def _last_line_start(fd: int, end: int, label: str) -> int:
    """Byte offset where the line ending at `end` (its newline) begins."""
    start, buf = end, b""
    while start > 0:
        step = min(65536, start)
        start -= step
        buf = os.pread(fd, step, start) + buf
        cut = buf.rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        if len(buf) > MAX_LINE_BYTES:
            raise fail("PF601", "the last entry is longer than any entry may be; refusing to append", Pos(label))
    return 0


def _undo(fd: int, size: int, new: bool = False, path: Path | None = None) -> None:
    """After a failed write, cut the log back to where it was (we hold the lock): a log this
    append created (`new`) is removed, as it was not there before."""
    if new:
        remove_created(path, fd)
        return
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass
