"""`audit show --since` compared each record's time with the time given, which has a zone (one
given without is UTC); a record whose time has no zone (a date alone, or a time without `Z`: a
record anyone can make and seal, which verifies) made the comparison fail, an internal error
(exit 2) instead of the listing. A record's time without a zone is now read as UTC too, as the
listing's "decided (UTC)" heading says it."""
from __future__ import annotations

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import log_of_record_times, run

TIMES = ["2026-12-05T09:00:00.000000Z", "2026-12-05", "2026-12-05T10:30:00", "2026-12-04T23:00:00-02:00",
         "2026-12-05T11:00:00+01:00", "2026-12-05T12:00:00.000000Z"]


def _listed(result) -> list[str]:
    return [line.split()[0] for line in result.stdout.splitlines()[1:]]


def test_a_record_time_without_a_zone_is_compared_as_utc(engine, key, tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log = log_of_record_times(engine, key, tmp_path / "audit.jsonl", TIMES)
    assert run("audit", "verify", log).exit_code == 0  # a log that verifies
    since = run("audit", "show", log, "--since", "2026-12-05T10:00Z")
    assert since.exit_code == 0, since.output
    # seq 2 is midnight, 4 is 01:00 UTC, 5 is 10:00 UTC: at the cutoff; 3 is 10:30 and 6 12:00
    assert _listed(since) == ["3", "5", "6"]
    assert since.stderr.endswith("3 of 6 records\n")
    midnight = run("audit", "show", log, "--since", "2026-12-05")
    assert midnight.exit_code == 0 and _listed(midnight) == ["1", "2", "3", "4", "5", "6"]
