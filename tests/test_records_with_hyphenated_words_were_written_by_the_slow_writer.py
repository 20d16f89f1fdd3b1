"""A decision's record holds knowledge-base anchors (`choose-coaching`), ids and words with
hyphens, so "e-" is in almost every one. canonical_finite took any "e-" for orjson's exponent
and handed such a record to json, five times slower, when writing an audited decision and
again when reading a log back: 2,700 of 2,999 calls reading the bundled examples' batch
log. Only a number below 1e-4 needs json; the bytes are held to json.dumps by
tests/test_record.py."""
from __future__ import annotations

import json

from pathfit.engine.audit import record_bytes

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, record_for


def test_a_record_with_hyphenated_words_is_written_by_orjson(engine, key, monkeypatch):
    bodies = []  # made before json is watched: making a record keeps some of its parts' bytes
    for example in EXAMPLES:
        bodies.append(record_for(engine, example, key))
    hyphenated = [body for body in bodies if b"e-" in json.dumps(body, ensure_ascii=False).encode()]
    assert len(hyphenated) >= len(bodies) // 2
    slow = []
    real = record_bytes.canonical
    monkeypatch.setattr(record_bytes, "canonical", lambda value: slow.append(value) or real(value))
    for body in bodies:
        written = record_bytes.canonical_finite(body)
        assert written == json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert slow == []


def test_a_small_number_still_goes_to_json(monkeypatch):
    slow = []
    real = record_bytes.canonical
    monkeypatch.setattr(record_bytes, "canonical", lambda value: slow.append(value) or real(value))
    for value in ({"confidence": 1e-05, "anchor": "choose-coaching"}, [0.00001], {"a": -7e-09}, 1e-7):
        assert record_bytes.canonical_finite(value) == json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert len(slow) == 4
