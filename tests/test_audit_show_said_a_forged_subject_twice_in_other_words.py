"""`audit show` with the audit key, on a version 3 record whose sealed subject was forged (the log
re-chained), said the one problem twice at the record's line in two wordings: a warning that the
record was left sealed because its clear part disagrees with its box at `subject.box` (a version 3
box holds the subject too), then the refusal, that the sealed subject does not open. `audit verify`
reads the subject first and says only the latter. Now the record is named once, in verify's words:
as its refusal where its subject is read, and in the warning that it was left sealed where it is
listed without its subject being read."""
from __future__ import annotations

import pytest

from .audit_support import run
from .test_audit_show_warned_of_a_failed_seal_last import FORGED, forged


def verify_says(log) -> str:
    """The problem `audit verify` with the key finds at the forged record's line."""
    result = run("audit", "verify", log)
    assert result.exit_code == 1, result.output
    said = [line for line in result.stdout.splitlines() if line.startswith(f"{log}:7:1: PF630: ")]
    assert len(said) == 1 and "sealed subject" in said[0], result.stdout
    return said[0]


@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--id", FORGED], ["--id", FORGED, "--format", "json"]])
def test_a_forged_subject_is_refused_once_in_verifys_words(tmp_path, monkeypatch, args):
    log = forged(tmp_path, monkeypatch, "subject")
    problem = verify_says(log)
    result = run("audit", "show", log, *args)
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert [line for line in result.stderr.splitlines() if f"{log}:7:" in line] == [problem], result.stderr


@pytest.mark.parametrize("args", [["--rule", "no.such_rule"], ["--since", "2099-01-01"]])
def test_a_record_left_sealed_for_its_subject_is_warned_of_in_verifys_words(tmp_path, monkeypatch, args):
    log = forged(tmp_path, monkeypatch, "subject")
    problem = verify_says(log)
    result = run("audit", "show", log, *args)
    assert result.exit_code == 0, result.output
    assert f"warning: left sealed: {problem}" in result.stderr.splitlines(), result.stderr
    assert "disagrees" not in result.stderr, result.stderr
