"""Why-not's sentences are worded from the exact scores and the policy's own verdict on each
test: scores rounded to 4 places (6.00004 shown as 6) made it drop a failing test, state a
ratio that as printed is not more than its limit, and call a score of 2.99999 "not below 3"."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.reports.numbers import exact_text

from .helpers import yes_no_rule_set

RULES = """rules:
  - id: c.a
    reason: A says coaching.
    cites: [goals]
    when: {{fact: a, equals: true}}
    then: {{evidence: {{coaching: {coaching}}}}}
  - id: m.b
    reason: B says mentoring.
    cites: [mentors]
    when: {{fact: b, equals: true}}
    then: {{evidence: {{mentoring: {mentoring}}}}}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {{}}
decision:
  - {{outcome: undetermined, when: {{strongest_below: {below}}}, confidence: shortfall}}
  - {{outcome: blended, when: {{each_at_least: 4, ratio_at_most: 1.5}}, confidence: balance}}
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""


def _rules(tmp_path: Path, coaching: str, mentoring: str, below: str = "2") -> Path:
    yes_no_rule_set(tmp_path, "exact", "ab", RULES.format(coaching=coaching, mentoring=mentoring),
                    POLICY.format(below=below))
    return tmp_path


def _why_not(rules: Path, outcome: str, *more: str) -> str:
    got = CliRunner().invoke(cli, ["explain", "--rules", str(rules), "--fact", "a=true", "--fact", "b=true",
                                   "--why-not", outcome, *more])
    assert got.exit_code == 0, got.output
    return " ".join(got.output.split())  # unwrapped: the assertions read sentences, not lines


def test_each_failing_test_is_named_and_the_ratio_is_true_as_printed(tmp_path):
    rules = _rules(tmp_path, "6.00004", "3.99996")
    said = _why_not(rules, "blended", "--ids")
    tests = {t["test"]: t["holds"] for t in json.loads(CliRunner().invoke(cli, [
        "explain", "--rules", str(rules), "--fact", "a=true", "--fact", "b=true", "--why-not", "blended",
        "--format", "json"]).output)["needs"][0]["tests"]}
    assert tests == {"each_at_least": False, "ratio_at_most": False}  # both fail: the text says both
    assert "observed coaching 6.00004, mentoring 3.99996" in said
    assert "mentoring is 0.00004 short" in said
    assert "coaching 6.00004 to mentoring 3.99996 is more than 1.5 to 1" in said
    assert "coaching 6 to" not in said and "mentoring 4" not in said


def test_a_score_just_below_the_limit_is_not_said_to_be_not_below_it(tmp_path):
    # strongest_below: 3 fails on coaching 5 alone; mentoring 2.99999 (4 places: 3.0) is below 3
    said = _why_not(_rules(tmp_path, "5", "2.99999", below="3"), "undetermined", "--ids")
    assert "coaching 5 is not below 3" in said
    assert "mentoring 2.99999" in said
    assert "mentoring 3 is not below 3" not in said and "mentoring 2.99999 is not below" not in said


def test_numbers_are_printed_in_full():
    assert exact_text((600004, 100000)) == "6.00004"
    assert exact_text((3, 1)) == "3"
    assert exact_text((-1, 2)) == "-0.5"
    assert exact_text((1, 3)) == "1/3"
    assert exact_text(1.5) == "1.5"
    assert exact_text((7, 40)) == "0.175"
