"""`confidence: certain` is 1, shared by the rules that met the clause's `concluded` test, and
by no other rule. Before: a clause that concluded nothing (`leads: coaching`, lint clean) gave
its figure to every rule with evidence, so a mentoring rule was printed as one that "concluded"
coaching (+0.50); and a `concluded` clause whose outcome is neither refer nor not now
(undetermined on `concluded: not_now`, not now on `concluded: refer`) did the same with the
evidence rules instead of the rules that concluded. (A `certain` clause with no `concluded`
test is refused: tests/cases/validation.yaml.)"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from pathfit.engine import Engine

from . import reference
from .helpers import NOT_NOW_RULE, SCORED_RULES, TRAINING_RULE, yes_no_rule_set

RULES = SCORED_RULES.format(coaching="3.98", mentoring="0.02") + NOT_NOW_RULE + TRAINING_RULE
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: [training]
formats: {{}}
decision:
{first}
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""


def _engine(tmp_path: Path, first: str) -> Engine:
    return Engine.load(yes_no_rule_set(tmp_path, "certain", "abnr", RULES, POLICY.format(first=first)))


@pytest.mark.parametrize("first, facts, outcome, sharing", [
    ("  - {outcome: undetermined, when: {concluded: not_now}, confidence: certain}",
     {"a": True, "b": True, "n": True, "r": False}, "undetermined", "n.unready"),
    ("  - {outcome: not_now, when: {concluded: refer}, confidence: certain}",
     {"a": True, "b": True, "n": False, "r": True}, "not_now", "r.train"),
])
def test_certain_is_shared_by_the_rules_the_concluded_test_names_regression_evidence_rules_shared_it(
        tmp_path, first, facts, outcome, sharing):
    with _engine(tmp_path, first) as engine:
        v = engine.evaluate(facts).verdict
        ref = reference.evaluate(engine.ruleset, facts).verdict  # docs/decision.md's `certain`, restated
    assert (v.outcome, v.clause, v.confidence, v.baseline) == (outcome, 0, 1, 0)
    assert v.contributions == ((sharing, Fraction(1)),)
    assert (ref.outcome, ref.confidence, ref.baseline, ref.contributions) == (outcome, 1, 0, {sharing: 1})
