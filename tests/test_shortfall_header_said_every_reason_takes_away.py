"""Under `shortfall` with `strongest_below`, only evidence for the strongest outcome takes away
from the confidence; a reason whose evidence is for another outcome is listed with a share of
exactly 0 (docs/decision.md, "Confidence": "evidence for any other outcome counts 0").

Regression: coaching 2 and mentoring 1, undetermined below 3, printed "Why (confidence starts at
1.00; each reason's evidence takes away, as it brings a decision nearer)" over the mentoring
reason's "(0.00)": the header said of every reason what the figures beside it deny. The header
now says that a reason's evidence for the strongest outcome takes away and its evidence for any
other takes nothing; `total_below`, where every reason's evidence does take away, keeps its
words."""
from __future__ import annotations

import click

from pathfit.cli.render import render_text
from pathfit.engine import Engine
from pathfit.engine.reports.wording import figures

from .helpers import yes_no_rule_set

RULES = """rules:
  - {id: c.a, reason: A says coaching., cites: [goals], when: {fact: a, equals: true}, then: {evidence: {coaching: 2}}}
  - {id: m.b, reason: B says mentoring., cites: [mentors], when: {fact: b, equals: true}, then: {evidence: {mentoring: 1}}}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: undetermined, when: {%s: 4}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
EVERY_REASON = "each reason's evidence takes away"


def _decided(tmp_path, test: str):
    rules = yes_no_rule_set(tmp_path, "short", "ab", RULES, POLICY % test)
    with Engine.load(rules) as engine:
        d = engine.evaluate({"a": True, "b": True})
        _, header, _ = figures(engine.ruleset, d)
        return d, header, " ".join(click.unstyle(render_text(engine.ruleset, d)).split())


def test_a_reason_with_no_share_is_not_said_to_take_away(tmp_path):
    d, header, text = _decided(tmp_path, "strongest_below")
    assert d.settled and d.outcome == "undetermined" and dict(d.verdict.contributions)["m.b"] == 0
    assert "B says mentoring. [kb#mentors] (0.00)" in text  # listed, with no share
    assert EVERY_REASON not in header
    assert "the strongest outcome" in header


def test_under_total_below_every_reason_does_take_away(tmp_path):
    d, header, _ = _decided(tmp_path, "total_below")
    assert d.outcome == "undetermined" and all(c < 0 for _, c in d.verdict.contributions)
    assert EVERY_REASON in header
