"""Why-not lists the unfired rules supporting an outcome by the evidence weight each would add,
then by id (docs/decision.md); a rule with no weight for the outcome (blended, which any evidence
supports) counts all its weights added. Before, those were added as binary floats: 0.1 + 0.2 came
to 0.30000000000000004, heavier than a rule of 0.3, so `b.pair` was listed before `a.single`
though the two would add the same evidence. Now the weights are added exactly, as the decision
adds them, and equal weights are ordered by id."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import yes_no_rule_set

POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: blended, when: {each_at_least: 0.3}, confidence: balance}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
RULES = """rules:
  - {id: b.pair, reason: Both a little., cites: [goals], when: {fact: x, equals: true},
     then: {evidence: {coaching: 0.1, mentoring: 0.2}}}
  - {id: a.single, reason: Coaching alone., cites: [goals], when: {fact: y, equals: true},
     then: {evidence: {coaching: 0.3}}}
  - {id: c.heavier, reason: More coaching., cites: [goals], when: {fact: y, equals: true},
     then: {evidence: {coaching: 0.31}}}
"""


def test_equal_weights_added_in_binary_are_ordered_by_id(tmp_path: Path):
    rules = yes_no_rule_set(tmp_path, "order", ["x", "y"], RULES, POLICY)
    got = CliRunner().invoke(cli, ["explain", "--rules", str(rules), "--fact", "x=false", "--fact", "y=false",
                                   "--why-not", "blended", "--format", "json"])
    assert got.exit_code == 0, got.output
    listed = [e["rule"] for e in json.loads(got.output)["rules"]]
    assert listed == ["c.heavier", "a.single", "b.pair"]
