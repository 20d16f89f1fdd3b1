"""Regression: `audit show` with the audit key listed, and with `--id` showed in full, a version
1 (`hmac-sha256`) record whose mask was replaced (the record resealed, the log re-chained),
without a word, where `audit verify` with the same key refuses it (PF630 at its line). It still
lists it, as it lists a log that does not verify and a record left sealed, but warns with
verify's own finding; a genuine record draws no warning."""
from __future__ import annotations

import pytest

from .hmac_records import OLD, copy_key, rechained
from .test_report_drew_a_v1_record_verify_refuses import forge_mask, run


@pytest.fixture
def audit_key(tmp_path):
    return copy_key(tmp_path)


@pytest.mark.parametrize("args", [[], ["--id", "aa7e1141"]])
def test_show_warns_of_a_forged_mask_as_verify_finds_it(tmp_path, audit_key, args):
    log = rechained(tmp_path, forge_mask)
    verified = run("audit", "verify", log, "--audit-key", audit_key)
    finding = next(line for line in verified.output.splitlines() if f"{log}:1:1: PF630" in line)
    shown = run("audit", "show", log, *args, "--audit-key", audit_key)
    assert shown.exit_code == 0, shown.output
    assert f"warning: {finding}" in shown.stderr
    assert "aa7e1141" in shown.stdout


def test_a_genuine_log_is_shown_without_a_warning(audit_key):
    shown = run("audit", "show", OLD / "audit.jsonl", "--audit-key", audit_key)
    assert shown.exit_code == 0, shown.output
    assert "PF630" not in shown.stderr and "aa7e1141" in shown.stdout
