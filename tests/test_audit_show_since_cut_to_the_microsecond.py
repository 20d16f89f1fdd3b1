"""`audit show --since` read a time with more than six digits after the second's point as
Python does, cut to the microsecond: `--since 12:00:00.0000001Z` took in a record decided at
12:00:00.000000, a tenth of a microsecond before it, and a record whose own time has more digits
was compared cut short alike. Both are now compared exactly, every digit as written."""
from __future__ import annotations

import pytest

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import log_of_record_times, run

TIMES = ["2026-12-05T12:00:00.000000Z", "2026-12-05T12:00:00.00000005Z", "2026-12-05T12:00:00.0000001Z",
         "2026-12-05T12:00:00.000001Z"]


@pytest.mark.parametrize("since, listed", [
    ("2026-12-05T12:00:00Z", ["1", "2", "3", "4"]),
    ("2026-12-05T12:00:00.0000000Z", ["1", "2", "3", "4"]),
    ("2026-12-05T12:00:00.00000001Z", ["2", "3", "4"]),
    ("2026-12-05T12:00:00.00000005Z", ["2", "3", "4"]),
    ("2026-12-05T12:00:00.0000001Z", ["3", "4"]),
    ("2026-12-05T12:00:00.00000010000Z", ["3", "4"]),
    ("2026-12-05T12:00:00,0000002Z", ["4"]),
    ("2026-12-05T12:00:00.0000010Z", ["4"]),
    ("2026-12-05T12:00:00.0000010001Z", []),
    ("2026-12-05T13:00:00.0000001+01:00", ["3", "4"]),
])
def test_since_compares_every_digit_after_the_point(engine, key, tmp_path, monkeypatch, since, listed):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log = log_of_record_times(engine, key, tmp_path / "audit.jsonl", TIMES)
    assert run("audit", "verify", log).exit_code == 0  # a log that verifies
    shown = run("audit", "show", log, "--since", since)
    assert shown.exit_code == 0, shown.output
    assert [line.split()[0] for line in shown.stdout.splitlines()[1:]] == listed
