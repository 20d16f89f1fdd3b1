"""A settled decision's figures are said to be on the answers given while an answer not yet
given could still add evidence: `settled` speaks of the outcome and the referral, and one
more answer could move the confidence and the ranking (Confidence 1.00 with `a` alone,
0.75 once `b` is answered, the recommendation the same)."""
from __future__ import annotations

import itertools

import click
import pytest

from pathfit.cli.render import render_markdown, render_text as _styled
from pathfit.engine import Engine
from pathfit.engine.reports.wording import ON_ANSWERS_GIVEN, evidence_open
from pathfit.engine.service.page import result as page_result

from .helpers import NOT_NOW_FIRST_POLICY, yes_no_rule_set

RULES = """rules:
  - id: c.a
    reason: A says coaching.
    cites: [goals]
    when: {fact: a, equals: true}
    then: {evidence: {coaching: 6}}
  - id: m.b
    reason: B says mentoring.
    cites: [mentors]
    when: {fact: b, equals: true}
    then: {evidence: {mentoring: 2}}
  - id: n.x
    reason: Not B adds a little coaching.
    cites: [goals]
    when: {fact: b, equals: false}
    then: {evidence: {coaching: 0.5}}
  - id: n.c
    reason: C says not now.
    cites: [readiness]
    when: {fact: c, equals: true}
    then: {not_now: true}
  - id: n.cb
    reason: C and B say not now.
    cites: [readiness]
    when: {all: [{fact: c, equals: true}, {fact: b, equals: true}]}
    then: {not_now: true}
"""
POLICY = NOT_NOW_FIRST_POLICY


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    rules = yes_no_rule_set(tmp_path_factory.mktemp("figures_open"), "figures_open", "abc", RULES, POLICY,
                            kb_more='\n## Readiness <a id="readiness"></a>\n\nNot now.\n')
    loaded = Engine.load(rules)
    yield loaded
    loaded.close()


def test_a_settled_figure_an_answer_could_move_is_said_to_be_on_the_answers_given(engine):
    rs = engine.ruleset
    d = engine.evaluate({"a": True, "c": False})
    assert d.settled and d.outcome == "coaching"
    text = render_text(rs, d)
    assert text.startswith("Recommendation: Executive coaching\nConfidence: 1.00\n  (on the answers given:")
    assert "Ranking (evidence weight so far, strongest first):" in text
    assert f"**Confidence:** 1.00 {ON_ANSWERS_GIVEN}" in render_markdown(rs, d)
    assert f'<p id="confidence">Confidence: 1.00 {ON_ANSWERS_GIVEN}</p>' in page_result(rs, d)
    moved = engine.evaluate({"a": True, "b": True, "c": False})  # what the words warn of
    assert moved.outcome == "coaching" and render_text(rs, moved).startswith(
        "Recommendation: Executive coaching\nConfidence: 0.75\n\n")


@pytest.mark.parametrize("b", [True, False])
def test_a_settled_figure_no_answer_can_move_is_shown_as_final(engine, b):
    d = engine.evaluate({"a": True, "b": b, "c": False})
    text = render_text(engine.ruleset, d)
    assert d.settled and ON_ANSWERS_GIVEN not in text and "so far" not in text
    assert "Ranking (evidence weight, strongest first):" in text


def test_a_certain_figure_is_1_and_only_its_shares_are_said_to_be_open(engine):
    d = engine.evaluate({"a": False, "c": True})  # n.cb waits on b: it would share not_now
    text = render_text(engine.ruleset, d)
    assert d.settled and d.outcome == "not_now"
    assert "Confidence: 1.00\n\n" in text and ON_ANSWERS_GIVEN not in text
    assert "the shares are on the answers given: answers not yet given might change them" in " ".join(text.split())
    closed = render_text(engine.ruleset, engine.evaluate({"a": False, "b": False, "c": True}))
    assert "the shares are on the answers given" not in " ".join(closed.split())


def render_text(rs, d) -> str:
    return click.unstyle(_styled(rs, d))


def _figures(d) -> tuple:
    return d.verdict.confidence_ratio, d.verdict.score_ratios, d.verdict.units()


def test_where_nothing_is_said_to_be_open_no_answers_move_a_figure(engine):
    """Every partial profile, every completion: a settled decision printed without the note has
    the figures every completion gives; one printed with it has a completion that moves them
    or a rule with evidence waiting (the words say "could")."""
    names = ["a", "b", "c"]
    for values in itertools.product([True, False, None], repeat=3):
        profile = {n: v for n, v in zip(names, values) if v is not None}
        d = engine.evaluate(profile)
        if not d.settled:
            continue
        unknown = [n for n in names if n not in profile]
        completions = [engine.evaluate({**profile, **dict(zip(unknown, more))})
                       for more in itertools.product([True, False], repeat=len(unknown))]
        assert all((c.outcome, c.referral) == (d.outcome, d.referral) for c in completions)
        if not evidence_open(engine.ruleset, d):
            assert all(c.verdict.score_ratios == d.verdict.score_ratios for c in completions), profile
            if d.verdict.clause != 0:  # not the `certain` clause: its shares are checked above
                assert all(_figures(c) == _figures(d) for c in completions), profile
