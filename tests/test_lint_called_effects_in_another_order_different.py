"""Lint compared rules' effects as written: two rows of an `any` decision table that suggest
the same formats, or derive the same facts, listed in another order were an error (PF229,
"with different results"), and two rules with the same conditions and such effects were not
said to repeat each other (PF709 without "the same effects"). A decision lists its formats in
the policy's order and a derived fact holds however it was listed, so the engine gives the
same decision either way: it is asked here, against the same rows written in one order."""
from __future__ import annotations

import shutil
from pathlib import Path

from pathfit.engine import Engine
from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"

TABLE = """\
tables:
  - id: fit
    hit: any
    reason: r
    cites: [focus]
    inputs:
      - {fact: goal}
      - {fact: ready}
    rows:
      - {id: a, when: [specific, "-"], then: {suggest: [external_coach, peer_mentoring], derive: [structured, broad]}}
      - {id: b, when: ["-", true], then: {suggest: [SECOND], derive: [DERIVED]}}
"""
REORDERED = {"SECOND": "peer_mentoring, external_coach", "DERIVED": "broad, structured"}
AS_FIRST = {"SECOND": "external_coach, peer_mentoring", "DERIVED": "structured, broad"}

TWINS = """\
rules:
  - id: x.one
    reason: r
    cites: [focus]
    when: {fact: hours, gte: 7}
    then: {suggest: [external_coach, peer_mentoring], derive: [structured, broad], evidence: {coaching: 1}}
  - id: x.two
    reason: r
    cites: [focus]
    when: {fact: hours, gt: 6}
    then: {suggest: [peer_mentoring, external_coach], derive: [broad, structured], evidence: {coaching: 1}}
"""


def _rules(tmp: Path, name: str, text: str) -> Path:
    rules = tmp / name
    shutil.copytree(BASE, rules)
    (rules / "extra.yaml").write_text(text, encoding="utf-8")
    return rules


def _table(words: dict) -> str:
    text = TABLE
    for key, value in words.items():
        text = text.replace(key, value)
    return text


def test_any_table_rows_with_the_same_effects_in_another_order_are_no_overlap(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "reordered", _table(REORDERED))
    found = [(p.code, p.pos.line) for p in lint(rules).problems if p.code in ("PF228", "PF229")]
    assert found == [], found


def test_any_table_rows_with_other_effects_still_overlap(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "other", _table({"SECOND": "external_coach", "DERIVED": "structured, broad"}))
    found = [(p.code, p.pos.line, p.pos.col) for p in lint(rules).problems if p.code in ("PF228", "PF229")]
    assert found == [("PF229", 11, 9)], found


def test_the_engine_decides_alike_whatever_order_the_effects_are_written_in(tmp_path: Path) -> None:
    """Both rows fire for these people; the rows written in another order give the decision
    the rows written alike give: the same outcome, formats and derived facts."""
    people = [{"goal": "specific", "ready": True, "needs": ["skill"]}, {"goal": "specific", "ready": True},
              {"goal": "specific", "ready": True, "needs": ["network"], "score": 1}]
    seen = []
    for name, words in (("reordered", REORDERED), ("alike", AS_FIRST)):
        with Engine.load(_rules(tmp_path, name, _table(words))) as engine:
            decided = [engine.evaluate(p) for p in people]
        assert all({"fit.a", "fit.b"} <= set(d.fired) for d in decided)
        seen.append([(d.outcome, d.formats, sorted(d.trace["derived"]["holds"])) for d in decided])
    assert seen[0] == seen[1], seen


def test_rules_with_the_same_conditions_and_effects_in_another_order_repeat_each_other(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "twins", TWINS)
    twins = [p for p in lint(rules).problems if p.code == "PF709"]
    assert [(p.pos.line, p.pos.col) for p in twins] == [(7, 5)]
    assert "the same effects" in twins[0].message, twins[0].message


def test_rules_with_other_effects_are_not_said_to_repeat_each_other(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "twins", TWINS.replace("derive: [broad, structured]", "derive: [broad]"))
    twins = [p for p in lint(rules).problems if p.code == "PF709"]
    assert [(p.pos.line, p.pos.col) for p in twins] == [(7, 5)]
    assert "the same effects" not in twins[0].message, twins[0].message
