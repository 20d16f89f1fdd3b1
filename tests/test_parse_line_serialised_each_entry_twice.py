"""Every reader of an audit log (verify, head, show, replay, report, append's tail check) parsed
each line by serialising its entry twice: once without "hash" and "sig" for its hash, and once
whole to check the line is in canonical form, the record the bulk of both. The canonical bytes
are now made from the hashed ones, each entry serialised once; every line gives the same Line,
canonical or not, marker, signed or sealed."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from pathfit.engine.audit import log
from pathfit.engine.audit.record_bytes import canonical

FIXTURES = Path(__file__).parent / "fixtures"


def _lines() -> list[bytes]:
    """Lines of the fixture logs: batch markers, in_batch records, sealed, masked and signed entries."""
    out = gzip.decompress((FIXTURES / "stream-log" / "audit.jsonl.gz").read_bytes()).splitlines(keepends=True)
    for name in ("hmac-records/audit.jsonl", "v2-records/audit.jsonl", "v2-records/public-subject.jsonl"):
        out += (FIXTURES / name).read_bytes().splitlines(keepends=True)
    return out


def _variants(raw: bytes) -> list[bytes]:
    """`raw` and lines like it that are not in canonical form, or whose time or values are odd."""
    entry = json.loads(raw)
    odd = dict(entry, time="2026-12-07T10:00:00\u2028\"\\\u00e9Z")
    return [raw, json.dumps(entry).encode() + b"\n", json.dumps(entry, sort_keys=True, separators=(",", ":")).encode()
            + b"\n", canonical(odd) + b"\n", canonical(dict(entry, seq=7)) + b"\n",
            canonical({**entry, **({"record": {**entry["record"], "small": 1e-05}} if "record" in entry else {})}) + b"\n",
            canonical({k: entry[k] for k in reversed(sorted(entry))}).replace(b"{", b"{ ", 1) + b"\n"]


def _as_before(raw: bytes) -> tuple:
    """What parse_line found before: the hash and the canonical form each from their own serialisation."""
    entry = json.loads(raw)
    return log.entry_hash(entry), canonical(entry) == raw[:-1]


@pytest.mark.parametrize("number", range(0, 200, 7))
def test_each_line_parsed_as_before(number):
    lines = _lines()
    for raw in _variants(lines[number % len(lines)]):
        line = log.parse_line(raw, 1, "audit.jsonl")
        assert (line.computed, line.canonical) == _as_before(raw), raw[:200]


def test_an_entry_is_serialised_once(monkeypatch):
    written = []
    serialise = log.canonical_finite
    monkeypatch.setattr(log, "canonical_finite", lambda value: written.append(len(out := serialise(value))) or out)
    raw = _lines()[0]
    assert log.parse_line(raw, 1, "audit.jsonl").canonical
    assert 0.9 * len(raw) < sum(written) < 1.1 * len(raw), written  # not twice the line
