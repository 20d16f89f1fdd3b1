"""The audit log: an append-only JSON Lines file of decision records, hash-chained.

Each line is the canonical JSON of one entry plus a newline:

    {"hash": H(n), "prev": H(n-1), "record": {...}, "seq": n, "time": "...Z"}

where H(n) is the SHA-256 of the canonical JSON of the entry without "hash",
and the first entry's prev is 64 zeros. Editing, removing, inserting or
reordering an entry breaks the chain at that entry (engine.audit.verify finds
the first break); cutting entries off the end does not, which is why an
auditor keeps the head they saw and checks it with --expect-head.

This module is the format and its reading, shared by everything that reads a
log (verify, head, show/replay/report via engine.audit.read, repair) and by the
writer, which parses the last entry before continuing the chain
(engine.audit.append). A line without its newline at the end is an append cut
off or the log cut short inside a line (PF606: the bytes cannot tell which), told apart from one still in progress by reading under a shared
lock; a batch's markers and its records' "in_batch" are checked for shape here,
their meaning in engine.audit.commit.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Callable, NamedTuple

try:
    import fcntl
except ImportError:  # no POSIX file locks (Windows): logs are read unlocked, never appended to (append.need_locks)
    fcntl = None

from ..errors import PathfitError, Pos, Problem, char_column, fail
from .commit import in_batch_shape, marker_shape
from .record import canonical, canonical_finite, check_record, loads_strict
from ..quote import shown_path
from .signing import sig_shape

if TYPE_CHECKING:
    from threading import Event

GENESIS = "0" * 64
MAX_LINE_BYTES = 16 * 1024 * 1024
# read_lines: the log's last bytes, taken under the lock with its size, that the bytes read after
# letting it go must end with; a cut since (`audit verify --repair`) changes them, appends after them
# do not (a line holds a hash and a time: the line written where another was cut never repeats it)
TAIL_CHECKED = 4096
_HEX64 = re.compile(r"[0-9a-f]{64}")
_KEYS = {"hash", "prev", "record", "seq", "time"}  # and "sig" when the appender held a signing key,
_MARKER_KEYS = {"batch", "hash", "prev", "seq", "time"}  # "in_batch" inside a batch; markers have "batch", no record


class Stopped(Exception):
    """A read given up part-way because its `stop` was set: the one who asked for it has gone
    (a report whose caller was cut off), so reading on would only keep a thread from others."""


class Line(NamedTuple):
    """One line of a log as read: a well-formed entry, or the problem with it."""

    number: int
    entry: dict | None
    problem: Problem | None
    computed: str = ""  # SHA-256 over the entry's canonical form without "hash"
    canonical: bool = True  # the line's bytes are exactly the entry's canonical form
    offset: int = 0  # byte offset where the line starts
    record_problem: Problem | None = None  # the record inside is altered (PF609) or no record (PF608/615)
    seal_problem: Problem | None = None  # its sealed part does not open (read_lines(inspect=...), PF630)
    digest: bytes = b""  # SHA-256 of the line's bytes (read_lines(digests=True)), to know it again when read again


def entry_hash(entry: dict, serialise: Callable[[object], bytes] = canonical) -> str:
    """SHA-256 of the entry without "hash" and "sig" (the signature is over this hash); serialise
    canonical_finite, the same bytes faster, for an entry read by loads_strict (all floats finite)."""
    return hashlib.sha256(serialise({k: v for k, v in entry.items() if k not in ("hash", "sig")})).hexdigest()


def edited(line: Line) -> str | None:
    """How a parsed entry shows it was changed after it was written, in the words `audit
    verify` uses (its hash, its canonical form, or its record against its record_digest), or
    None. One statement for every reader that refuses to build on such an entry."""
    record = line.record_problem
    if line.computed != line.entry["hash"]:
        return "does not match its hash"
    if not line.canonical:
        return "is not in canonical form"
    if record is not None and record.code == "PF609":
        return "holds a record whose content does not match its record_digest"
    return None


def parse_line(raw: bytes, number: int, label: str, offset: int = 0, last: bool = False) -> Line:
    """Parse one line (with its newline, if it has one) into a Line."""
    pos = Pos(label, number, 1)
    if not raw.endswith(b"\n"):
        if last:
            return Line(number, None, Problem("PF606", f"last line has no newline ({len(raw)} bytes): an append "
                        "cut off, or the log cut short inside a line (the log cannot tell which); run "
                        "`pathfit audit verify --repair` to set it aside",
                        Pos(label, number, char_column(raw, len(raw)))), offset=offset)
        return Line(number, None, Problem("PF601", f"line longer than {MAX_LINE_BYTES} bytes", pos), offset=offset)
    body = raw[:-1]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Line(number, None, Problem("PF601", "invalid UTF-8", Pos(label, number, char_column(body, exc.start))),
                    offset=offset)
    try:
        entry = loads_strict(text, pos)
    except Exception as exc:  # PathfitError from loads_strict, carrying the column
        problem = exc.problems[0] if hasattr(exc, "problems") else Problem("PF601", str(exc), pos)
        return Line(number, None, problem._replace(code="PF601"), offset=offset)
    why = _shape(entry)
    if why:
        return Line(number, None, Problem("PF601", why, pos), offset=offset)
    record_problem = None
    if "record" in entry:
        try:
            check_record(entry["record"], pos, finite=True)
        except PathfitError as err:
            record_problem = err.problems[0]
    hashed = canonical_finite({k: v for k, v in entry.items() if k not in ("hash", "sig")})  # entry_hash's bytes
    return Line(number, entry, None, hashlib.sha256(hashed).hexdigest(), _with_hash_and_sig(entry, hashed) == body,
                offset, record_problem)


def _with_hash_and_sig(entry: dict, hashed: bytes) -> bytes:
    """The canonical bytes of `entry` (as _shape let it be), made from `hashed`, those of it without
    "hash" and "sig", rather than by serialising it whole again: each line read would be written
    out twice, its record the bulk of both. Canonical JSON sorts keys, so "hash" follows a
    marker's "batch" and comes before every other key, and "sig" comes just before "time", the last."""
    head = 1 + (len(b'"batch":') + len(canonical_finite(entry["batch"])) + 1 if "batch" in entry else 0)
    tail = len(b'"time":') + len(canonical_finite(entry["time"])) + 1  # and the closing brace
    sig = b'"sig":' + canonical_finite(entry["sig"]) + b"," if "sig" in entry else b""
    return b"".join((hashed[:head], b'"hash":"', entry["hash"].encode(), b'",', hashed[head:-tail], sig,
                     hashed[-tail:]))


def _shape(entry) -> str:
    if not isinstance(entry, dict):
        return "an entry must be a JSON object"
    wanted = _MARKER_KEYS if "batch" in entry else _KEYS | ({"in_batch"} if "in_batch" in entry else set())
    if set(entry) - {"sig"} != wanted:
        missing, extra = sorted(wanted - set(entry)), sorted(set(entry) - wanted - {"sig"})
        return "entry " + "; ".join(filter(None, [missing and f"lacks {', '.join(missing)}",
                                                    extra and f"has unknown {', '.join(extra)}"]))
    if not isinstance(entry["seq"], int) or isinstance(entry["seq"], bool) or entry["seq"] < 1:
        return "entry seq is not a positive whole number"
    for key in ("hash", "prev"):
        if not isinstance(entry[key], str) or not _HEX64.fullmatch(entry[key]):
            return f"entry {key} is not 64 lowercase hex digits"
    if not isinstance(entry["time"], str) or not isinstance(entry.get("record", {}), dict):
        return "entry time or record has the wrong type"
    why = marker_shape(entry["batch"]) if "batch" in entry else \
        in_batch_shape(entry["in_batch"]) if "in_batch" in entry else ""
    return why or (sig_shape(entry["sig"]) if "sig" in entry else "")


def read_lines(path: str | Path, label: str | None = None, keep_records: bool = True,
               lock: bool = True, inspect: Callable[[dict, Pos], Problem | None] | None = None,
               stop: Event | None = None, keep: Callable[[dict], bool] | None = None,
               digests: bool = False, packed: bool = False) -> Sequence[Line]:
    """Every line of a log, parsed; PF100 if the file cannot be read at all.

    Read under a shared lock, so an append in progress is never mistaken for an
    interrupted one. With `keep_records` the lock is held only to take the log's size and its
    last bytes (TAIL_CHECKED), and the lines up to that size are read, parsed and checked after
    it is let go: an append (a decision being recorded) waits for nothing more, never for the log
    to be read or checked (a report on a large log), and no copy of the log's bytes is held. A log
    is only ever added to past its end, except by `audit verify --repair`, which cuts a tail off
    (and appends may follow): where the bytes read do not end as the log did under the lock,
    it was cut while read, and it is read again under the lock, so what is found is what the
    log held at one moment.
    Without `keep_records` each entry's record is checked and
    then dropped, so verifying a large log needs memory for its hashes only;
    `inspect` (engine.audit.seal_check) sees each well-formed record before
    that, and what it finds is kept as the line's seal_problem. `stop` set: Stopped is raised
    before the next line is read (the file, and any lock on it, let go as it is raised).
    `keep` (with `keep_records`): only the records it accepts are kept whole, each other one
    checked and then cut down to its id (`{"id": ...}`, `{}` without one), so a reader that wants
    one record of a large log (a report) holds the entries' hashes and ids, not every record
    parsed: those took three times the log's size again. `digests`: each line carries the SHA-256
    of its bytes, by which a reader that reads a line again knows it is the line read here.
    `packed`: the lines are held packed (engine.audit.packed.PackedLines, each given back as the
    Line it was), a few hundred bytes an entry rather than a few thousand, for a reader that holds
    every entry of a log to its end (verify, head, show, replay)."""
    label = label or str(path)
    try:
        if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):  # a device or a pipe: no end,
            raise OSError(errno.EINVAL, "not a regular file")  # or read once, or no writer to wait for
        with open(path, "rb") as whole:
            if not lock or fcntl is None:  # no lock to take: no pathfit appends on such a system either
                return _parse_all(whole, None, label, keep_records, inspect, stop, keep, digests, packed)[0]
            take_lock(whole.fileno(), fcntl.LOCK_SH, label)
            if not keep_records:
                return _parse_all(whole, None, label, keep_records, inspect, stop, keep, digests, packed)[0]
            size = os.fstat(whole.fileno()).st_size
            tail = os.pread(whole.fileno(), min(TAIL_CHECKED, size), size - min(TAIL_CHECKED, size))
            fcntl.flock(whole.fileno(), fcntl.LOCK_UN)
            lines, read = _parse_all(whole, size, label, keep_records, inspect, stop, keep, digests, packed)
            if read == (size, tail):
                return lines  # the bytes the log held when its size was taken
            take_lock(whole.fileno(), fcntl.LOCK_SH, label)  # cut while read: read again, holding the lock
            whole.seek(0)
            return _parse_all(whole, None, label, keep_records, inspect, stop, keep, digests, packed)[0]
    except OSError as exc:
        raise fail("PF100", f"cannot read audit log: {exc.strerror or exc}", Pos(label)) from None


def take_lock(fd: int, kind: int, label: str) -> None:
    """flock `fd` (LOCK_SH to read, LOCK_EX to append), saying on stderr, once, when the lock is
    held by another reader or writer (another process, or another thread of a service) and the
    command waits for it: a reader held up by an append, or an append by a reader or another
    append, waited in silence, and one held by a process that never lets go (stopped, or hung)
    looked like pathfit hanging."""
    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        sys.stderr.write(f"{shown_path(label)}: waiting: the audit log is locked by another reader or writer\n")
        sys.stderr.flush()
    fcntl.flock(fd, kind)


def _parse_all(f, size: int | None, label: str, keep_records: bool, inspect, stop, keep, digests: bool = False,
               packed: bool = False) -> tuple[Sequence[Line], tuple[int, bytes]]:
    """read_lines' lines from `f`, up to `size` bytes (None: to its end). -> (the lines, (how many
    bytes were read, the last TAIL_CHECKED of them)), by which read_lines tells whether what it
    read is what the log held when it took its size."""
    from .packed import PackedLines  # it packs this module's Lines

    lines: list[Line] | PackedLines = PackedLines() if packed else []
    offset, number, tail = 0, 0, b""

    def next_bytes() -> bytes:
        nonlocal tail
        wanted = MAX_LINE_BYTES + 1 if size is None else min(MAX_LINE_BYTES + 1, size - offset)
        raw = f.readline(wanted) if wanted > 0 else b""
        tail = raw[-TAIL_CHECKED:] if len(raw) >= TAIL_CHECKED else (tail + raw)[-TAIL_CHECKED:]
        return raw

    while True:
        if stop is not None and stop.is_set():
            raise Stopped(f"{label}: read given up at line {number + 1}")
        raw = next_bytes()
        if not raw:
            break
        number += 1
        last_line = not raw.endswith(b"\n") and len(raw) <= MAX_LINE_BYTES
        line = parse_line(raw, number, label, offset, last_line)
        if digests:
            line = line._replace(digest=hashlib.sha256(raw).digest())
        if inspect is not None and line.entry is not None and line.record_problem is None \
                and line.entry.get("record"):
            line = line._replace(seal_problem=inspect(line.entry["record"], Pos(label, number, 1)))
        if line.entry is not None and "record" in line.entry:
            if not keep_records:
                line.entry["record"] = {}
            elif keep is not None and not keep(line.entry["record"]):
                line.entry["record"] = _id_only(line.entry["record"])
        lines.append(line)
        offset += len(raw)
        if not raw.endswith(b"\n") and not last_line:  # skip the rest of an over-long line
            while raw and not raw.endswith(b"\n"):
                raw = next_bytes()
                offset += len(raw)
    return lines, (offset, tail)


def _id_only(record: dict) -> dict:
    """What a record not kept whole leaves: its id, by which it is still told apart (an id
    named twice, a prefix naming several records, a damaged record named by its own id)."""
    rid = record.get("id")
    return {"id": rid} if isinstance(rid, str) else {}
