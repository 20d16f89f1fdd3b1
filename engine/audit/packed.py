"""A log's lines held packed, for the readers that verify a whole log before showing anything.

`audit verify`, `audit head`, `audit show` and `replay` verify every line of a log, and show and
replay then read each record again from where it was found; what they hold for every entry until
they end is what the walk and the second read need: its hash, prev, seq, time, batch, signature,
record id, where its line starts and the SHA-256 of its bytes. Held as a Line with its entry dict
that came to about 2-3 KB an entry (several GB for a log of a million entries); packed here, in
byte arrays and machine-integer arrays, it is about 200 bytes. Every field of a well-formed
entry is lowercase hex of a fixed length (log._shape), a whole number or a string, so each is
stored exactly and given back as it was parsed: a line read back (`lines[i]`) is equal to the
Line that was packed. A line that is anything else (damaged, edited, a record kept whole, a
problem found in it) is kept as it was read: such lines are few, and they are what a finding
quotes.
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from .log import Line

_HEX64 = re.compile(r"[0-9a-f]{64}")
_MAX_SEQ = (1 << 64) - 1
# what one byte a line says of it
_ENTRY, _WHOLE, _SIG, _IN_BATCH, _RECORD, _RECORD_ID, _MARKER, _COMMIT = 1, 2, 4, 8, 16, 32, 64, 128


class PackedLines(Sequence[Line]):
    """read_lines' lines (engine.audit.log), appended one at a time as they are read, held
    packed; `lines[i]` gives line i back as a Line equal to the one appended."""

    def __init__(self) -> None:
        self._kind = bytearray()
        self._hash = bytearray()  # 32 bytes a line: its entry's hash (zeros: no entry)
        self._prev = bytearray()  # 32 bytes a line: its entry's prev
        self._seq = array("Q")
        self._offset = array("Q")
        self._digest: bytearray | None = None  # 32 bytes a line, when lines carry their digests
        self._sig = bytearray()  # 72 bytes a line (key id, signature), once a line is signed
        self._time, self._time_end = bytearray(), array("Q")
        self._id, self._id_end = bytearray(), array("Q")
        self._in_batch = array("I")  # 1 + the index in _batches of its batch's id (in_batch, or a marker's), or 0
        self._batches: list[str] = []
        self._batch_at: dict[str, int] = {}
        self._whole: dict[int, Line] = {}  # lines kept as they were read
        self._marks: dict[int, int] = {}  # a batch marker's count of records

    def __len__(self) -> int:
        return len(self._kind)

    def append(self, line: Line) -> None:
        """Pack `line`, the next line of the log (its number is one more than the last's)."""
        i = len(self._kind)
        if line.number != i + 1:
            raise ValueError(f"line {line.number} appended as line {i + 1}")
        e = line.entry
        kind = _ENTRY if e is not None else 0
        self._hash += bytes.fromhex(e["hash"]) if e is not None else bytes(32)
        self._prev += bytes.fromhex(e["prev"]) if e is not None else bytes(32)
        if line.digest and self._digest is None:
            self._digest = bytearray(32 * i)
        if self._digest is not None:
            self._digest += line.digest if len(line.digest) == 32 else bytes(32)
        if e is None or not _packable(line):
            self._whole[i] = line
            kind |= _WHOLE
            self._seq.append(0)
            self._offset.append(0)
        else:
            self._seq.append(e["seq"])
            self._offset.append(line.offset)
            self._time += e["time"].encode("utf-8", "surrogatepass")
            if "batch" in e:
                kind |= _MARKER | (_COMMIT if e["batch"]["mark"] == "commit" else 0)
                self._marks[i] = e["batch"]["records"]
            batch = e["batch"]["id"] if "batch" in e else e.get("in_batch")
            if batch is not None:
                kind |= _IN_BATCH if "in_batch" in e else 0
                self._in_batch.append(1 + self._batch_at.setdefault(batch, len(self._batch_at)))
                if len(self._batches) < len(self._batch_at):
                    self._batches.append(batch)
            if "record" in e:
                kind |= _RECORD | (_RECORD_ID if e["record"] else 0)
                if e["record"]:
                    self._id += e["record"]["id"].encode("utf-8", "surrogatepass")
            if "sig" in e:
                kind |= _SIG
                if not self._sig:
                    self._sig = bytearray(72 * i)
                self._sig += bytes.fromhex(e["sig"]["key"]) + bytes.fromhex(e["sig"]["ed25519"])
        if len(self._in_batch) == i:
            self._in_batch.append(0)
        if self._sig and not kind & _SIG:
            self._sig += bytes(72)
        self._time_end.append(len(self._time))
        self._id_end.append(len(self._id))
        self._kind.append(kind)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        i = index + len(self) if index < 0 else index
        if not 0 <= i < len(self):
            raise IndexError("line index out of range")
        kind = self._kind[i]
        if kind & _WHOLE:
            return self._whole[i]
        h = self._hash[32 * i:32 * i + 32].hex()
        entry: dict = {}
        if kind & _MARKER:
            entry["batch"] = {"id": self._batches[self._in_batch[i] - 1], "mark": "commit" if kind & _COMMIT
                              else "begin", "records": self._marks[i]}
        entry["hash"] = h
        if kind & _IN_BATCH:
            entry["in_batch"] = self._batches[self._in_batch[i] - 1]
        entry["prev"] = self._prev[32 * i:32 * i + 32].hex()
        if kind & _RECORD:
            entry["record"] = {"id": _text(self._id, self._id_end, i)} if kind & _RECORD_ID else {}
        entry["seq"] = self._seq[i]
        if kind & _SIG:
            sig = self._sig[72 * i:72 * i + 72]
            entry["sig"] = {"ed25519": sig[8:].hex(), "key": sig[:8].hex()}
        entry["time"] = _text(self._time, self._time_end, i)
        digest = bytes(self._digest[32 * i:32 * i + 32]) if self._digest is not None else b""
        return Line(i + 1, entry, None, h, True, self._offset[i], None, None, digest)

    def __iter__(self) -> Iterator[Line]:
        return (self[i] for i in range(len(self)))

    def first_with(self, key: str, value: str | None, start: int = 0) -> int | None:
        """The index of the first line from `start` whose entry's `key` ("hash" or "prev") is `value`, or None."""
        return next(self._with(key, value, start), None)

    def count_with(self, key: str, value: str) -> int:
        """How many lines' entries have `value` as their `key` ("hash" or "prev")."""
        return sum(1 for _ in self._with(key, value))

    def _with(self, key: str, value: str | None, start: int = 0) -> Iterator[int]:
        if not isinstance(value, str) or not _HEX64.fullmatch(value):
            return  # no entry's hash or prev is anything but 64 lowercase hex digits (log._shape)
        packed, wanted = self._hash if key == "hash" else self._prev, bytes.fromhex(value)
        at = packed.find(wanted, 32 * start)
        while at != -1:
            if at % 32 == 0 and self._kind[at // 32] & _ENTRY:
                yield at // 32
            at = packed.find(wanted, at + 1)


def _packable(line: Line) -> bool:
    """Whether `line` is an entry `PackedLines` gives back exactly: well-formed, unchanged and its
    record cut down to its id (or none), nothing found wrong with it; any other is kept whole."""
    e = line.entry
    record = e.get("record")
    return (line.problem is None and line.record_problem is None and line.seal_problem is None
            and line.canonical is True and line.computed == e["hash"] and e["seq"] <= _MAX_SEQ
            and line.offset <= _MAX_SEQ and (record is None or record == {}
                                             or (list(record) == ["id"] and isinstance(record["id"], str))))


def _text(packed: bytearray, ends: array, i: int) -> str:
    return packed[ends[i - 1] if i else 0:ends[i]].decode("utf-8", "surrogatepass")


def first_with(lines: Sequence[Line], key: str, value: str | None, start: int = 0) -> int | None:
    """The index of the first line of `lines` from `start` whose entry's `key` is `value`, or None:
    what a verify asks of the lines once it has found a problem, without a map of every line."""
    if isinstance(lines, PackedLines):
        return lines.first_with(key, value, start)
    return next((k for k in range(start, len(lines)) if lines[k].entry is not None and lines[k].entry[key] == value),
                None)


def count_with(lines: Sequence[Line], key: str, value: str) -> int:
    """How many lines of `lines` have entries whose `key` is `value`."""
    if isinstance(lines, PackedLines):
        return lines.count_with(key, value)
    return sum(1 for ln in lines if ln.entry is not None and ln.entry[key] == value)
