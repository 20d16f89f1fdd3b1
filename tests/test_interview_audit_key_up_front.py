"""`pathfit interview --record/--audit-log` refuses before its first question a record it could
not seal at its end (PF610, exit 2, nothing written), and whatever fails at the end, the answers
are kept: `--save` is still written, or they are shown to keep.

Regressions: with no audit key, an interview that asked sensitive questions (on the bundled
rules, the screening questions come first) or was given a subject the policy keeps sensitive ran
to its last answer and was then refused, with --save unwritten and the answers lost."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

TINY = str(Path(__file__).parent / "fixtures" / "tiny")  # `secret` is sensitive, and no rule reads it
BUNDLED_ANSWERS = "no\nno\nno\n4,7\nyes\n3\nquit\n"
TINY_ANSWERS = "skill\nyes\n5\n"


@pytest.fixture()
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    return tmp_path


def _key(here, monkeypatch) -> None:
    assert CliRunner().invoke(cli, ["audit", "keygen", str(here / "ak.key")]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(here / "ak.key"))


def _refused_up_front(result, here, *said: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("PATHFIT_AUDIT_KEY_FILE:0:0: PF610: "), result.stderr
    assert all(part in result.stderr for part in said), result.stderr
    assert "Q1." not in result.output
    assert sorted(os.listdir(here)) == [], os.listdir(here)


@pytest.mark.parametrize("output", [["--record", "r.json"], ["--audit-log", "a.jsonl"]], ids=lambda o: o[0])
def test_interview_without_a_key_that_may_ask_sensitive_questions_is_refused_before_the_first(here, output):
    result = CliRunner().invoke(cli, ["interview", *output, "--save", "p.yaml"], input=BUNDLED_ANSWERS)
    _refused_up_front(result, here, "wellbeing_concern", "formal_performance_process")


def test_interview_without_a_key_for_a_sensitive_subject_is_refused_before_the_first_question(here):
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--subject", "E1", "--audit-log", "a.jsonl",
                                      "--save", "p.yaml"], input=TINY_ANSWERS)
    _refused_up_front(result, here, "subject")


def test_interview_without_a_key_given_a_sensitive_fact_by_its_profile_is_refused_before_the_first(here):
    profile = here.parent / f"{here.name}-profile.yaml"
    profile.write_text("secret: true\n")
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--profile", str(profile), "--record", "r.json",
                                      "--save", "p.yaml"], input=TINY_ANSWERS)
    _refused_up_front(result, here, "secret")


def test_interview_with_a_key_named_but_missing_is_refused_before_the_first_question(here, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(here.parent / f"{here.name}-no.key"))
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--record", "r.json", "--save", "p.yaml"],
                                input=TINY_ANSWERS)
    assert result.exit_code == 2 and "PF610" in result.stderr and "Q1." not in result.output, result.output
    assert sorted(os.listdir(here)) == []


def test_interview_that_can_ask_no_sensitive_question_records_without_a_key(here):
    """The sensitive facts a rule set declares need no key when no question can bring one in."""
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--record", "r.json", "--save", "p.yaml"],
                                input=TINY_ANSWERS)
    assert result.exit_code == 0, result.output
    assert (here / "r.json").stat().st_size > 0 and yaml.safe_load((here / "p.yaml").read_text())["ready"] is True


def _record_appears_meanwhile(here, monkeypatch) -> None:
    """Another program writes the record's file while the questions are answered."""
    import pathfit.cli.interview as module

    real = module.next_question

    def asked(*args, **kwargs):
        if not (here / "r.json").exists():
            (here / "r.json").write_text("theirs\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "next_question", asked)


def test_interview_failing_at_its_end_still_writes_save(here, monkeypatch):
    _key(here, monkeypatch)
    _record_appears_meanwhile(here, monkeypatch)
    result = CliRunner().invoke(cli, ["interview", "--record", "r.json", "--save", "p.yaml"], input=BUNDLED_ANSWERS)
    assert result.exit_code == 2, result.output
    assert "r.json:0:0: PF612: " in result.stderr
    assert (here / "r.json").read_text() == "theirs\n"
    assert yaml.safe_load((here / "p.yaml").read_text()) == {
        "wellbeing_concern": False, "formal_performance_process": False, "systemic_cause": False,
        "needs": ["career_direction", "network"], "ready_for_change": True, "hours_per_month": 3}


def test_interview_failing_at_its_end_without_save_shows_the_answers_to_keep(here, monkeypatch):
    _key(here, monkeypatch)
    _record_appears_meanwhile(here, monkeypatch)
    result = CliRunner().invoke(cli, ["interview", "--record", "r.json"], input=BUNDLED_ANSWERS)
    assert result.exit_code == 2, result.output
    assert "r.json:0:0: PF612: " in result.stderr
    kept = result.stderr.split("here they are, to keep:\n", 1)[1]
    assert yaml.safe_load(kept)["needs"] == ["career_direction", "network"]
