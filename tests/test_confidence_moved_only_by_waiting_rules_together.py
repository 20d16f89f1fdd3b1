"""A settled confidence that no single waiting rule moves, but two firing together do, is said
to be on the answers given: under `shortfall` the figure follows the strongest score only, so
mentoring's 1 + 1.5 stays under coaching's 3 with either of two waiting rules and passes it with
both (0.70, then 0.60, the outcome undetermined all the while). Checked against every completion
of every partial profile, decided by the engine: where a view shows the figure as final, or the
ranking as not "so far", no completion gives another."""
from __future__ import annotations

import itertools

import click
import pytest

from pathfit.cli.render import render_text as _styled
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.reports.wording import ON_ANSWERS_GIVEN

from .helpers import yes_no_rule_set

RULES = """rules:
  - id: c.a
    reason: A says coaching.
    cites: [goals]
    when: {fact: a, equals: true}
    then: {evidence: {coaching: 3}}
  - id: m.b
    reason: B says mentoring.
    cites: [mentors]
    when: {fact: b, equals: true}
    then: {evidence: {mentoring: 1}}
  - id: m.p
    reason: P says mentoring.
    cites: [mentors]
    when: {fact: p, equals: true}
    then: {evidence: {mentoring: 1.5}}
  - id: m.q
    reason: Q says mentoring.
    cites: [mentors]
    when: {fact: q, equals: true}
    then: {evidence: {mentoring: 1.5}}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: undetermined, when: {strongest_below: 10}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
NAMES = ("a", "b", "p", "q")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    rules = yes_no_rule_set(tmp_path_factory.mktemp("together"), "together", "abpq", RULES, POLICY)
    loaded = Engine.load(rules)
    yield loaded
    loaded.close()


def _text(engine, d) -> str:
    return " ".join(click.unstyle(_styled(engine.ruleset, d)).split())


def test_a_figure_only_two_waiting_rules_together_move_is_said_to_be_on_the_answers_given(engine):
    d = engine.evaluate({"a": True, "b": True})
    assert d.settled and d.outcome == "undetermined" and d.confidence == 0.7
    for p, q in ((True, False), (False, True), (False, False)):
        assert engine.evaluate({"a": True, "b": True, "p": p, "q": q}).confidence == 0.7
    assert engine.evaluate({"a": True, "b": True, "p": True, "q": True}).confidence == 0.6
    assert f"Confidence: 0.70 {ON_ANSWERS_GIVEN}" in _text(engine, d)
    assert build_record(engine, d, None, record_id="r1")["decision"]["confidence_open"] is True


def test_where_a_figure_or_ranking_is_shown_final_no_completion_moves_it(engine):
    said_open = 0
    for values in itertools.product([True, False, None], repeat=len(NAMES)):
        profile = {n: v for n, v in zip(NAMES, values) if v is not None}
        d = engine.evaluate(profile)
        if not d.settled:
            continue
        unknown = [n for n in NAMES if n not in profile]
        completions = [engine.evaluate({**profile, **dict(zip(unknown, more))})
                       for more in itertools.product([True, False], repeat=len(unknown))]
        text = _text(engine, d)
        if ON_ANSWERS_GIVEN in text:
            said_open += 1
        else:
            assert {c.verdict.confidence_ratio for c in completions} == {d.verdict.confidence_ratio}, profile
        if "so far" not in text:
            assert {c.verdict.score_ratios for c in completions} == {d.verdict.score_ratios}, profile
    assert said_open
