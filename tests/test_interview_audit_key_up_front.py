"""`pathfit interview --record/--audit-log` refuses before its first question a record it could
not seal at its end (PF610, exit 2, nothing written), and whatever fails at the end, the answers
are kept: `--save` is still written, or they are shown to keep.

Without a key it is refused up front when the policy keeps the subject given sensitive, the
profile gives a sensitive fact, or any rule reads one: a condition that says nothing of what the
interview will ask. A sensitive fact no rule reads is never asked, and needs no key.

Regressions: with no audit key, an interview that asked sensitive questions (on the bundled
rules, the screening questions come first) or was given a subject the policy keeps sensitive ran
to its last answer and was then refused, with --save unwritten and the answers lost. Then it was
refused saying "the interview may ask for sensitive facts" where it could ask none (not now
concluded by the profile, with only a rule on the sensitive fact's value left)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

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
def test_interview_without_a_key_on_rules_that_read_sensitive_facts_is_refused_before_the_first(here, output):
    result = CliRunner().invoke(cli, ["interview", *output, "--save", "p.yaml"], input=BUNDLED_ANSWERS)
    _refused_up_front(result, here, "the rules read sensitive facts (", "wellbeing_concern", "formal_performance_process")
    assert "may ask" not in result.stderr


def test_interview_without_a_key_is_refused_for_a_rule_reading_a_sensitive_fact_it_will_never_ask(here):
    """The profile concludes not now, so the rule on the sensitive fact can no longer matter and
    the interview would never ask it: refused all the same, saying the rules read it, not that
    the interview may ask it."""
    rules = tiny_copy(here.parent / f"{here.name}-rules", [{
        "id": "e.secret", "reason": "r", "cites": ["focus"], "when": {"fact": "secret", "equals": True},
        "then": {"evidence": {"mentoring": 1}}}])
    profile = here.parent / f"{here.name}-profile.yaml"
    profile.write_text("ready: false\n")
    result = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--profile", str(profile), "--record",
                                      "r.json"], input="skill\n")
    _refused_up_front(result, here, "the rules read sensitive facts (secret)")
    assert "may ask" not in result.stderr and "profile gives" not in result.stderr
    asked = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--profile", str(profile)], input="skill\n")
    assert asked.exit_code == 0 and "Sensitive matter?" not in asked.output  # never asked


def test_interview_without_a_key_for_a_sensitive_subject_is_refused_before_the_first_question(here):
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--subject", "E1", "--audit-log", "a.jsonl",
                                      "--save", "p.yaml"], input=TINY_ANSWERS)
    _refused_up_front(result, here, "subject")


def test_interview_without_a_key_given_a_sensitive_fact_by_its_profile_is_refused_before_the_first(here):
    profile = here.parent / f"{here.name}-profile.yaml"
    profile.write_text("secret: true\n")
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--profile", str(profile), "--record", "r.json",
                                      "--save", "p.yaml"], input=TINY_ANSWERS)
    _refused_up_front(result, here, "the profile gives sensitive facts (secret)")
    assert "rules read" not in result.stderr  # no rule of tiny reads it


def test_interview_with_a_key_named_but_missing_is_refused_before_the_first_question(here, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(here.parent / f"{here.name}-no.key"))
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--record", "r.json", "--save", "p.yaml"],
                                input=TINY_ANSWERS)
    assert result.exit_code == 2 and "PF610" in result.stderr and "Q1." not in result.output, result.output
    assert sorted(os.listdir(here)) == []


def test_interview_on_rules_that_read_no_sensitive_fact_records_without_a_key(here):
    """A sensitive fact a rule set declares and no rule reads needs no key: no question asks it."""
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
