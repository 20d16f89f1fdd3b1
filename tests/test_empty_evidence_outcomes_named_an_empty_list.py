"""Regression: with `evidence_outcomes: []` (a policy rules weigh nothing under, which a rule
set that only refers or says not now may mean), a clause naming an evidence outcome was told
"'leads' takes one of the evidence outcomes (), not 'coaching'", "'below' takes evidence
outcomes (), not ...", and an `among` entry "'coaching' is not one of " with nothing after
it. Each now says the list is empty, as a rule's evidence already did; an empty list is
still accepted where nothing weighs evidence."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
EMPTY = "the policy's evidence_outcomes is empty"
DECISION = """evidence_outcomes: []
referrals: [counselling, training]
decision:
  - {outcome: refer, when: {concluded: refer}, confidence: certain}
  - {outcome: not_now, when: {concluded: not_now}, confidence: certain}
  - {outcome: coaching, when: {leads: coaching, below: {mentoring: 2}}, confidence: share}
  - {outcome: undetermined, when: {among: [coaching]}, confidence: balance}
"""


def _problems(tmp_path: Path) -> list:
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    (rules / "policy.yaml").write_text(DECISION, encoding="utf-8")
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    return [p for p in info.value.problems if p.pos.file.endswith("policy.yaml")]


def test_each_clause_naming_an_evidence_outcome_says_the_list_is_empty(tmp_path):
    problems = _problems(tmp_path)
    assert [(p.code, p.pos.line, p.pos.col) for p in problems] == [
        ("PF213", 6, 39), ("PF213", 6, 57), ("PF213", 7, 44)]
    assert all(EMPTY in p.message and "()" not in p.message and not p.message.endswith(" of ")
               for p in problems), [p.message for p in problems]


def test_an_empty_list_where_nothing_weighs_evidence_is_accepted(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    (rules / "rules.yaml").write_text("""rules:
  - id: n.ready
    reason: Not ready.
    cites: [focus]
    when: {fact: ready, equals: false}
    then: {not_now: true}
""", encoding="utf-8")
    (rules / "policy.yaml").write_text("\n".join(DECISION.splitlines()[:5] + [
        "  - {outcome: undetermined, when: {}, confidence: balance}", ""]), encoding="utf-8")
    engine = Engine.load(rules)
    try:
        assert engine.evaluate({"ready": False}).outcome == "not_now"
    finally:
        engine.close()
