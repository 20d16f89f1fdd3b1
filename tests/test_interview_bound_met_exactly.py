"""The interview's "at most N more" is never exceeded, and where every question is needed it is
met exactly: one rule reading three yes/no facts together asks all three when each is answered
yes, so question 1 says at most 2 more, question 2 at most 1, question 3 is the last. A bound
one too small would be exceeded here, where looser rule sets leave it unnoticed; every progress
line is one the bound's words can say (a count of none or fewer is "the last")."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import yes_no_rule_set

RULES = """rules:
  - id: c.abc
    reason: A, B and C say coaching.
    cites: [goals]
    when: {all: [{fact: a, equals: true}, {fact: b, equals: true}, {fact: c, equals: true}]}
    then: {evidence: {coaching: 3}}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: undetermined, when: {strongest_below: 2}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
PROGRESS = re.compile(r"^question (\d+), (?:at most ([1-9]\d*) more|the last)$")


def test_every_question_needed_meets_the_bound_exactly(tmp_path: Path):
    rules = yes_no_rule_set(tmp_path, "chain", "abc", RULES, POLICY)
    out = CliRunner().invoke(cli, ["interview", "--rules", str(rules)], input="yes\nyes\nyes\n",
                             catch_exceptions=False).output
    said = [line for line in out.splitlines() if line.startswith("question ")]
    assert all(PROGRESS.match(line) for line in said), said
    assert said == ["question 1, at most 2 more", "question 2, at most 1 more", "question 3, the last"]
    assert "Recommendation: Executive coaching" in out
