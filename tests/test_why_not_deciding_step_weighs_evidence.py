"""Why-not says what the deciding step tested, every test of it. Before: a step that tests
`concluded: not_now` beside `leads: mentoring` was said to decide "first: not now was concluded,
which the policy applies before weighing evidence", though the step itself weighs it (with
coaching ahead, the same conclusion gives coaching); only its first test was read, and the
rules named for it were those with evidence wherever its confidence was not `certain`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import NOT_NOW_RULE, SCORED_RULES, yes_no_rule_set

RULES = SCORED_RULES.format(coaching="3.98", mentoring="5") + NOT_NOW_RULE
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {{}}
decision:
  - {{outcome: not_now, when: {when}, confidence: {confidence}}}
  - {{outcome: undetermined, when: {{strongest_below: 2}}, confidence: shortfall}}
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""
FACTS = ["--fact", "a=true", "--fact", "b=true", "--fact", "n=true"]


def _why_not(tmp_path: Path, when: str, confidence: str, *more: str) -> str:
    rules = yes_no_rule_set(tmp_path, "weighs", "abn", RULES, POLICY.format(when=when, confidence=confidence))
    got = CliRunner().invoke(cli, ["explain", "--rules", str(rules), *FACTS, "--why-not", "mentoring", *more])
    assert got.exit_code == 0, got.output
    return got.output if "--format" in more else " ".join(got.output.split())  # text unwrapped: sentences


@pytest.mark.parametrize("when", ["{concluded: not_now, leads: mentoring}", "{leads: mentoring, concluded: not_now}"])
def test_a_step_that_weighs_evidence_is_never_said_to_apply_before_weighing_it_regression_leads_beside_concluded(
        tmp_path, when):
    said = _why_not(tmp_path, when, "certain")
    step = said.split("Policy step 1 decided first: ")[1].split(" Mentoring (policy step 4)")[0]
    assert "before weighing evidence" not in said
    assert step == ("not now was concluded, and the step also needs Mentoring ahead of every other outcome; "
                    "observed Executive coaching 3.98, Mentoring 5: that holds. N says not now.")
    ids = _why_not(tmp_path, when, "certain", "--ids")
    assert "Policy step 1 decided first: n.unready concluded not_now, and the step also needs mentoring ahead of " \
           "every other outcome; observed coaching 3.98, mentoring 5: that holds." in ids


def test_the_rules_named_for_a_concluding_step_are_those_that_concluded_regression_evidence_rules_named(tmp_path):
    said = json.loads(_why_not(tmp_path, "{concluded: not_now, leads: mentoring}", "share", "--format", "json"))
    assert said["decided_by"]["clause"] == 0 and said["decided_by"]["rules"] == ["n.unready"]
    text = _why_not(tmp_path, "{concluded: not_now, leads: mentoring}", "share")
    assert "that holds. N says not now. Mentoring (policy step 4)" in text
    assert "B says mentoring" not in text.split("Mentoring (policy step 4)")[0]
