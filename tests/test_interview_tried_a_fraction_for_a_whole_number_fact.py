"""The interview ranks its questions by trying answers either side of each threshold the rules
compare a number with. For a whole-number fact compared with a threshold between whole numbers
(`hours >= 4.5`, which lints clean), it tried 3.5, 4.5 and 5.5: answers no person can give, which
the engine refuses (PF402). So `interview` stopped before its first question with "pathfit:
internal error: PathfitError: ... PF402", and `pathfit serve`, which ranks the questions as it
starts, would not start. Regression: a whole-number fact is tried at whole numbers only, the
nearest on each side of the threshold (4 and 5), so every side is still met."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.interview import candidate_changes, ranked_questions

from .helpers import LEADS_POLICY, written_rule_set

SCHEMA = """ruleset: fraction
knowledge_base: kb.md
facts:
  hours: {type: number, min: 0, max: 10, integer: true, question: How many hours?}
  guide: {type: bool, question: Wants a guide?}
"""
RULES = """rules:
  - {id: e.hours, reason: Time is coaching., cites: [k], when: {fact: hours, gte: 4.5},
     then: {evidence: {coaching: 3}}}
  - {id: e.guide, reason: A guide is mentoring., cites: [k], when: {fact: guide, equals: true},
     then: {evidence: {mentoring: 2}}}
"""


def _rules(tmp_path: Path) -> Path:
    return written_rule_set(tmp_path / "rules", SCHEMA, LEADS_POLICY, RULES, ("K", "k"))


def test_a_whole_number_fact_is_tried_at_whole_numbers_either_side_regression_internal_error(tmp_path: Path):
    with Engine.load(_rules(tmp_path)) as engine:
        tried = [v for name, v in candidate_changes(engine, {}) if name == "hours"]
        assert tried and all(isinstance(v, int) for v in tried), tried
        assert {4, 5} <= set(tried)  # the nearest whole number on each side of 4.5
        ranked, decision = ranked_questions(engine, {}, set())
        assert set(ranked) == {"hours", "guide"} and not decision.settled


def test_the_interview_asks_and_answers_regression_internal_error(tmp_path: Path):
    got = CliRunner().invoke(cli, ["interview", "--rules", str(_rules(tmp_path))], input="5\nno\n")
    assert "internal error" not in got.output
    assert got.exit_code == 0, got.output
    assert "Recommendation: Executive coaching" in got.output or "Recommendation: Coaching" in got.output
