"""The interview ranks its questions by trying each one's answers. Where one answer makes a person
the engine refuses (two values for a valued derived fact, PF231), the interview stopped before
its first question with "pathfit: internal error: PathfitError: ... PF231", exit status 2, no
answer asked or kept. Regression: a tried answer the engine refuses now leads to no outcome in
the ranking, as in what-if, and the question is asked; given that answer, the interview stops
asking and says the refusal as any other problem (located, PF231, exit status 2), the answers
kept."""
from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import written_rule_set

SCHEMA = """ruleset: refused
knowledge_base: kb.md
facts:
  ready: {type: bool, question: Ready to change?}
  x: {type: bool, question: Is x so?}
  guide: {type: bool, question: Wants a guide?}
derived:
  pace: {description: how fast, type: enum, values: [fast, steady]}
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
RULES = """rules:
  - {id: p.fast, reason: Ready sets a fast pace., cites: [k], when: {fact: ready, equals: true},
     then: {derive: {pace: fast}}}
  - id: p.steady
    reason: A guide sets a steady pace.
    cites: [k]
    when: {all: [{fact: guide, equals: true}, {fact: x, equals: true}]}
    then: {derive: {pace: steady}}
  - {id: e.coach, reason: Fast is coaching., cites: [k], when: {fact: pace, equals: fast},
     then: {evidence: {coaching: 3}}}
  - {id: e.x, reason: X is mentoring., cites: [k], when: {fact: x, equals: true}, then: {evidence: {mentoring: 5}}}
  - {id: e.guide, reason: A guide is coaching., cites: [k], when: {fact: guide, equals: true},
     then: {evidence: {coaching: 10}}}
"""


def _interview(tmp_path: Path, answers: str, *more: str):
    rules = written_rule_set(tmp_path / "rules", SCHEMA, POLICY, RULES, ("K", "k"))
    start = tmp_path / "start.yaml"
    start.write_text("ready: true\nx: true\n")
    return CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--profile", str(start), *more],
                              input=answers)


def test_a_question_one_of_whose_answers_is_refused_is_asked_regression_internal_error(tmp_path: Path):
    got = _interview(tmp_path, "no\n")
    assert "internal error" not in got.output
    assert got.exit_code == 0, got.output
    assert "Q1. Wants a guide?" in got.output
    assert "Recommendation: Mentoring" in got.output


def test_the_refused_answer_given_ends_the_questions_with_the_located_problem_regression_internal_error(
        tmp_path: Path):
    saved = tmp_path / "saved.yaml"
    got = _interview(tmp_path, "yes\n", "--save", str(saved))
    assert "internal error" not in got.output
    assert got.exit_code == 2, got.output
    assert "rules.yaml:4:5: PF231:" in got.output
    assert yaml.safe_load(saved.read_text()) == {"ready": True, "x": True, "guide": True}


def test_any_other_fault_met_trying_an_answer_is_not_taken_for_the_end_of_the_questions(tmp_path: Path,
                                                                                         monkeypatch):
    """Only a refusal of the person (PF231) ends the asking quietly: an internal fault met while
    trying an answer (the engine's cross-check, PF505) was turned into "no question left", and
    the interview gave advice with questions still open."""
    import pytest

    from pathfit.engine import Engine
    from pathfit.engine.errors import PathfitError, Pos, fail
    from pathfit.engine.explain.interview import next_question

    rules = written_rule_set(tmp_path / "rules", SCHEMA, POLICY, RULES.replace("equals: true}, {fact: x", "equals: "
                                                                               "true}, {fact: ready"), ("K", "k"))
    with Engine.load(rules) as engine:
        assert next_question(engine, {"ready": True}, set())[0] is not None
        real = engine.evaluate

        def faulty(facts, *args, **kwargs):
            if "guide" in facts:
                raise fail("PF505", "the cross-check disagrees", Pos("rules.yaml", 1, 1))
            return real(facts, *args, **kwargs)
        monkeypatch.setattr(engine, "evaluate", faulty)
        with pytest.raises(PathfitError) as raised:
            next_question(engine, {"ready": True}, set())
    assert [p.code for p in raised.value.problems] == ["PF505"]
