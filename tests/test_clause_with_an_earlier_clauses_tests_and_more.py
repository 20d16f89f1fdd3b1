"""Lint's clause order (PF713): a clause that has every test of an earlier clause, and more,
with the same `among`, never decides. Whatever scores meet all its tests meet the earlier
clause's too, and the first clause whose tests hold decides: a "stricter" clause written
after a looser one (`leads: coaching, total_below: 10` after `leads: coaching`) is dead.
A different `among` changes what the same test reads, so then nothing is claimed, and an
earlier clause with a test the later one lacks hides nothing.
Table-driven over the lint base (tests/lint_cases/base), with its policy's clauses replaced;
`expect` lists each PF713 as (index of the clause it is on, column, line of the clause that
hides it as an index)."""
from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"
LAST = "  - {outcome: undetermined, when: {}, confidence: balance}\n"
COACHING = "  - {outcome: coaching, when: {leads: coaching}, confidence: share}\n"

CASES = [
    {"name": "a clause with an earlier clause's test and one more never decides",
     "clauses": [COACHING,
                 "  - {outcome: mentoring, when: {leads: coaching, total_below: 10}, confidence: share}\n", LAST],
     "expect": [(1, 5, 0)]},
    {"name": "a clause with two earlier clauses' tests is hidden by the first of them",
     "clauses": ["  - {outcome: undetermined, when: {total_below: 2}, confidence: shortfall}\n", COACHING,
                 "  - {outcome: mentoring, when: {total_below: 2, leads: coaching}, confidence: share}\n", LAST],
     "expect": [(2, 5, 0)]},
    {"name": "the same tests written in another order are still the same tests",
     "clauses": ["  - {outcome: blended, when: {each_at_least: 2, ratio_at_most: 1.5}, confidence: balance}\n",
                 "  - {outcome: coaching, when: {ratio_at_most: 1.5, each_at_least: 2}, confidence: balance}\n", LAST],
     "expect": [(1, 5, 0)]},
    {"name": "an earlier clause with a test the later one lacks hides nothing",
     "clauses": ["  - {outcome: coaching, when: {leads: coaching, total_below: 10}, confidence: share}\n",
                 COACHING, LAST],
     "expect": []},
    {"name": "the same test over another among is another test",
     "clauses": [COACHING,
                 "  - {outcome: coaching, when: {leads: coaching, among: [coaching]}, confidence: share}\n", LAST],
     "expect": []},
    {"name": "a clause with the earlier clause's among and tests and more never decides",
     "clauses": ["  - {outcome: blended, when: {each_at_least: 2, among: [coaching, mentoring]}, confidence: balance}\n",
                 "  - {outcome: coaching, when: {each_at_least: 2, leads: coaching, among: [coaching, mentoring]},"
                 " confidence: share}\n", LAST],
     "expect": [(1, 5, 0)]},
]


def _build(clauses: list[str], tmp: Path) -> tuple[Path, int]:
    """The lint base with these decision clauses, and the line of the first."""
    rules = tmp / "rules"
    shutil.copytree(BASE, rules)
    policy = (rules / "policy.yaml").read_text(encoding="utf-8")
    head = policy.split("decision:\n", 1)[0]
    (rules / "policy.yaml").write_text(head + "decision:\n" + "".join(clauses), encoding="utf-8")
    return rules, head.count("\n") + 2


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_clause_with_an_earlier_clauses_tests_and_more_never_decides(case: dict, tmp_path: Path) -> None:
    rules, first = _build(case["clauses"], tmp_path)
    found = [p for p in lint(rules).problems if p.code == "PF713"]
    assert [(p.pos.line - first, p.pos.col) for p in found] == [(i, col) for i, col, _ in case["expect"]], \
        "\n".join(p.format() for p in found)
    for p, (_, _, hider) in zip(found, case["expect"]):
        assert p.severity == "warning" and f"the clause at line {first + hider} " in p.message, p.message


def test_the_engine_agrees_that_the_earlier_clause_decides(tmp_path: Path) -> None:
    """What the warning claims, against the engine: people whose scores meet every test of
    the later clause (coaching leads, total below 10) get the earlier clause's outcome,
    coaching, never the later clause's, mentoring."""
    rules, _ = _build(CASES[0]["clauses"], tmp_path)
    people = [{"goal": "specific", "needs": ["skill"], "hours": 10, "ready": True},
              {"goal": "specific", "ready": True}, {"goal": "specific", "needs": ["skill"], "ready": True}]
    with Engine.load(rules) as engine:
        decided = [engine.evaluate(facts) for facts in people]
    meeting = []
    for d in decided:
        scores = {r["outcome"]: Fraction(r["exact"]) for r in d.ranking}
        if scores["coaching"] > scores["mentoring"] and sum(scores.values()) < 10:
            meeting.append(d.outcome)
    assert meeting and set(meeting) == {"coaching"}, [(d.outcome, d.ranking) for d in decided]
