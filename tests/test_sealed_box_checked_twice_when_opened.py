"""A sealed record's box (tens of kilobytes of hex) was tested against its pattern twice by
every reader holding the audit key: once when the record was read, and again when the record
opened from it, which holds the very same box text, was checked for shape: about a seventh of
`audit verify`'s time on a log of 5,000 records with 2,167 sealed. The box is tested once."""
from __future__ import annotations

from pathfit.engine.audit import record_shape
from pathfit.engine.audit.append import append

from pathfit.engine.audit.masking import load_key

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import SENSITIVE_EXAMPLE, make_key, record_for, run


class _Counted:
    def __init__(self, pattern) -> None:
        self.pattern, self.calls = pattern, 0

    def fullmatch(self, text):
        self.calls += 1
        return self.pattern.fullmatch(text)


def test_verify_with_the_key_tests_each_box_once(tmp_path, engine, monkeypatch):
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    log = tmp_path / "audit.jsonl"
    for _ in range(3):
        append(log, record_for(engine, SENSITIVE_EXAMPLE, load_key(str(key_file))))
    counted = _Counted(record_shape._HEX)
    monkeypatch.setattr(record_shape, "_HEX", counted)
    result = run("audit", "verify", str(log))
    assert result.exit_code == 0, result.output
    assert "3 of 3 sealed records open" in result.output
    assert counted.calls == 3  # was 6: each box again once opened


def test_a_box_is_still_refused_each_time_it_is_malformed():
    good, bad = "ab" * 16, "AB" * 16
    assert record_shape.sealed_box(good) and record_shape.sealed_box(good)
    assert not record_shape.sealed_box(bad) and not record_shape.sealed_box(bad)
    assert record_shape.sealed_box(good) and not record_shape.sealed_box("ab" * 15 + "g0")
