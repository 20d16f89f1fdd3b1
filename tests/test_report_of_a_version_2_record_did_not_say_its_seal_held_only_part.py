"""Regression: `pathfit report` and `serve`'s `/report/ID` drew a version 2 sealed record (made
before the seal held the whole clear part) with its time, versions, rule set and operator as
provenance, and said nothing of what its seal could not check, where `audit verify` with the same
key says those fields could NOT be checked against the seal (`checked_in_part`). Its page now says
so beside its masking, naming what verify names (clear_binding.LEGACY_UNCHECKED); a version 3
record's page, whose seal holds its whole clear part, says nothing of the kind."""
from __future__ import annotations

import shutil

import pytest

from pathfit.engine.audit.clear_binding import LEGACY_UNCHECKED

from .audit_support import SENSITIVE_EXAMPLE
from .serve_support import report_reply
from .test_audit_version_2_records_still_read import RECORD, V2, run

SAID = "record_version 2"


@pytest.fixture
def key(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    path = tmp_path / "audit.key"
    shutil.copy(V2 / "audit.key", path)
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("source", ["audit.jsonl", "burnt-out-director-sleep-problems.json"])
def test_the_page_of_a_version_2_record_says_what_its_seal_could_not_check(tmp_path, key, source):
    out = tmp_path / "page.html"
    result = run("report", V2 / source, "--id", RECORD, "--out", out, "--audit-key", key)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert SAID in page and all(what in page for what in LEGACY_UNCHECKED), page


def test_the_page_of_a_version_3_record_says_nothing_of_the_kind(tmp_path, key):
    log, out = tmp_path / "audit.jsonl", tmp_path / "page.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
        made = run("recommend", "--profile", SENSITIVE_EXAMPLE, "--audit-log", log, "--operator", "ops")
        assert made.exit_code == 0, made.output
    assert run("report", log, "--out", out, "--audit-key", key).exit_code == 0
    assert SAID not in out.read_text()


def test_serve_draws_a_version_2_record_saying_what_its_seal_could_not_check(tmp_path, key):
    log = tmp_path / "audit.jsonl"
    shutil.copy(V2 / "audit.jsonl", log)
    reply = report_reply(log, str(key), RECORD)
    assert reply.status == 200, reply.body[:300]
    page = reply.body.decode()
    assert SAID in page and all(what in page for what in LEGACY_UNCHECKED)
