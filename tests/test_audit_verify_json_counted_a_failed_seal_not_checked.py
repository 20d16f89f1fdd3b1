"""`audit verify --format json` gave `seals.not_checked` as every sealed record not found to
hold, the one whose seal was checked and failed (PF630) among them: "not checked" of a record
that was checked, where the text says "N of M open ...; 1 does not" and counts apart only the
records it could not check (no key, another key, masks too many to try). The record whose seal
fails is no longer in `not_checked`: `sealed_records` less `checked` and `not_checked` is how many
were checked and do not hold."""
from __future__ import annotations

import json

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import run
from .test_audit_verify_said_no_seal_count_with_a_finding import forged_log


def test_a_seal_that_fails_is_counted_failed_not_not_checked(tmp_path, engine, monkeypatch):
    log = forged_log(tmp_path, engine, monkeypatch)
    result = run("audit", "verify", log, "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["problem"]["code"] == "PF630" and report["problem"]["line"] == 3
    seals = report["seals"]
    assert seals["not_checked"] == 0, seals
    assert seals["sealed_records"] - seals["checked"] - seals["not_checked"] == 1, seals
