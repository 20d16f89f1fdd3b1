"""Regression: `pathfit replay` with the audit key replayed a version 2 sealed record whose sealed
subject had been altered (its box changed, the record resealed and the log re-chained) and said
"reproduced", exit 0, where `audit verify` and `report` with the same key refuse it (PF630) and
`audit show` refuses its subject. A version 2 box does not hold the subject, so only the subject's
own box shows the edit, and replay never opened it (a version 3 box holds the subject, and replay
refused that record all along). Replay now checks a sealed subject with the key before anything is
replayed, as verify does: PF630 at the record, exit 2, nothing replayed."""
from __future__ import annotations

import shutil

import pytest

from .test_audit_version_2_records_still_read import RECORD, V2, forge, run


def _altered(record: dict) -> None:
    box = record["subject"]["box"]
    record["subject"]["box"] = box[:-2] + ("00" if box[-2:] != "00" else "11")


@pytest.fixture
def log(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    for name in ("audit.jsonl", "audit.key"):
        shutil.copy(V2 / name, tmp_path / name)
    (tmp_path / "audit.key").chmod(0o600)
    path = tmp_path / "audit.jsonl"
    forge(path, 1, _altered)
    return path


def test_replay_refuses_a_record_whose_sealed_subject_does_not_open_as_verify_does(log):
    key = ("--audit-key", log.parent / "audit.key")
    verified = run("audit", "verify", log, *key)
    assert verified.exit_code == 1 and verified.stdout.startswith(f"{log}:1:1: PF630: "), verified.output
    for args in ((), ("--id", RECORD)):
        result = run("replay", log, *args, *key)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"{log}:1:1: PF630: "), result.output
        assert "reproduced" not in result.output


def test_replay_of_the_untouched_record_still_reproduces(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    shutil.copy(V2 / "audit.key", tmp_path / "audit.key")
    (tmp_path / "audit.key").chmod(0o600)
    result = run("replay", V2 / "audit.jsonl", "--id", RECORD, "--audit-key", tmp_path / "audit.key")
    assert result.exit_code == 0 and "1 reproduced, 0 not" in result.stdout, result.output
