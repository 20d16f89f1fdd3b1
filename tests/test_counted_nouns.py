"""Regression: counts of one were printed with a plural noun ("Saved 1 answers",
"1 rows: ...", "appended 1 records", "intact, 1 entries", "(1 entries appended since)").
Each is checked at one and at more than one."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.errors import counted

PERSON = {"career_stage": "senior_leader", "goal_clarity": "specific", "wellbeing_concern": False,
          "formal_performance_process": False, "major_disruption": False}


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("n, text", [(0, "0 records"), (1, "1 record"), (2, "2 records")])
def test_counted_agrees_with_its_number(n, text):
    assert counted(n, "record") == text
    assert counted(n, "entry", "entries") == text.replace("records", "entries").replace("record", "entry")


@pytest.mark.parametrize("people", [1, 2])
def test_batch_and_audit_verify_count_in_words(tmp_path, monkeypatch, people):
    key = tmp_path / "audit.key"
    assert _run("audit", "keygen", str(key)).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    cohort, log = tmp_path / "people.jsonl", tmp_path / "audit.jsonl"
    cohort.write_text("".join(json.dumps({"id": f"p{i}", **PERSON}) + "\n" for i in range(people)))
    result = _run("batch", str(cohort), "--out", str(tmp_path / "out.csv"), "--audit-log", str(log))
    assert result.exit_code == 0, result.output
    rows, records = ("1 row:", "appended 1 record to") if people == 1 else ("2 rows:", "appended 2 records to")
    assert result.stderr.startswith(rows) and records in result.stderr, result.stderr
    verified = _run("audit", "verify", str(log))
    with log.open() as f:
        entries = sum(1 for _ in f)
    assert verified.stdout.startswith(f"{log}: intact, {counted(entries, 'entry', 'entries')}, head ")
    assert entries > 1 and f"{entries} entries" in verified.stdout  # the begin and commit markers count too


@pytest.mark.parametrize("answers", [1, 2])
def test_interview_saved_answers_in_words(tmp_path, answers):
    target = tmp_path / "person.yaml"
    replies = "\n".join(["2"] * answers + ["quit"]) + "\n"
    result = _run("interview", "--save", str(target), input=replies)
    assert result.exit_code == 0, result.output
    assert len(yaml.safe_load(target.read_text())) == answers
    assert (f"Saved {answers} answer to" if answers == 1 else f"Saved {answers} answers to") in result.output
