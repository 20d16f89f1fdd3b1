"""The interview asks the most decisive question first: each question scores by how many of its
answers settle the advice, each answer tried by deciding again. For a fractional number it tried
each threshold and half a unit either side, inside the fact's range, so a part of the range half
a unit wide or less was never tried: against `m < 0.25` on a fact from 0 to 1 it tried 0.25 and
0.75 alone. An answer below 0.25 concludes a referral and settles the advice, but the interview
never saw it: it asked first a question none of whose answers settles anything. Regression: every
part of the range the rules' thresholds tell apart is tried (there 0 or 0.1 besides), so the
question that can settle the advice is asked first."""
from __future__ import annotations

from pathlib import Path

from pathfit.engine import Engine
from pathfit.engine.explain.interview import candidate_changes, ranked_questions

from .helpers import written_rule_set

SCHEMA = """ruleset: fraction
knowledge_base: kb.md
facts:
  guide: {type: bool, question: Wants a guide?}
  share: {type: number, min: 0, max: 1, question: What share of the week is free?}
  load: {type: number, min: 0, max: 10, question: How heavy is the load?}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: [counselling]
formats: {}
decision:
  - {outcome: refer, when: {concluded: refer}, confidence: certain}
  - {outcome: undetermined, when: {strongest_below: 1}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
RULES = """rules:
  - {id: e.guide, reason: A guide is mentoring., cites: [k], when: {fact: guide, equals: true},
     then: {evidence: {mentoring: 2}}}
  - {id: e.alone, reason: No guide is coaching., cites: [k], when: {fact: guide, equals: false},
     then: {evidence: {coaching: 2}}}
  - {id: r.share, reason: Too little time is for counselling first., cites: [k], when: {fact: share, lt: 0.25},
     then: {refer: counselling}}
  - {id: e.load, reason: A load between 3 and 3.5 is mentoring., cites: [k],
     when: {all: [{fact: load, gt: 3}, {fact: load, lt: 3.5}]}, then: {evidence: {mentoring: 0.5}}}
"""


def test_every_part_of_a_fractional_range_is_tried_regression_never_below_the_threshold(tmp_path: Path):
    rules = written_rule_set(tmp_path / "rules", SCHEMA, POLICY, RULES, ("K", "k"))
    with Engine.load(rules) as engine:
        tried = {name: [v for n, v in candidate_changes(engine, {}) if n == name] for name in ("share", "load")}
        assert any(v < 0.25 for v in tried["share"]), tried
        assert any(3 < v < 3.5 for v in tried["load"]), tried
        assert engine.evaluate({"share": 0.1}).settled  # the answer that settles the advice
        ranked, _ = ranked_questions(engine, {}, set())
        assert ranked[0] == "share", ranked
