"""What-if called an outcome unreachable, exhaustively, where a pair of changes reached it: one
change made the engine refuse the person (two values for a valued derived fact, PF231), and a
second change, to a fact read only by the rule setting the other value, lifted the refusal.
The search changed only facts read by the rules the policy reads and by the rules deriving what
those read; a valued fact no such rule reads was left out, though two of its values refuse a
person whoever reads it. Here `pace` is read by no rule: giving `goal` refuses someone who
`rushes`, and giving `goal` with `rushes` taken back decides coaching."""
from __future__ import annotations

from pathfit.engine import Engine
from pathfit.engine.explain.what_if import what_if

from .helpers import SHARE_POLICY, written_rule_set

SCHEMA = """ruleset: refusal
knowledge_base: kb.md
facts:
  goal: {type: enum, values: [specific, emerging], question: How clear is the goal?}
  rushes: {type: bool, question: Does the person rush?}
derived:
  pace: {description: how fast to move, type: enum, values: [fast, slow]}
"""
RULES = """rules:
  - {id: pace.fast, reason: Rushing is fast., cites: [s], when: {fact: rushes, equals: true}, then: {derive: {pace: fast}}}
  - {id: pace.slow, reason: A known goal is slow., cites: [s], when: {fact: goal, is: known}, then: {derive: {pace: slow}}}
  - {id: coach, reason: A specific goal is coaching's., cites: [s], when: {fact: goal, equals: specific},
     then: {evidence: {coaching: 1}}}
"""


def test_a_pair_that_lifts_a_refusal_is_found(tmp_path):
    with Engine.load(written_rule_set(tmp_path / "rs", SCHEMA, SHARE_POLICY, RULES, ("S", "s"))) as engine:
        result = what_if(engine, {"rushes": True})
        assert engine.evaluate({"goal": "specific", "rushes": False}).outcome == "coaching"
        assert "coaching" not in {u["outcome"] for u in result["unreachable"]}, result["unreachable"]
        reached = {a["outcome"]: [(c["fact"], c["to"]) for c in a["changes"]] for a in result["alternatives"]}
        assert reached["coaching"] == [("goal", "specific"), ("rushes", False)]
