"""Lint's clause order (PF713) with `among`: `among` is a clause's scope, not a condition,
so a clause with `among` alone always holds, as `{}` does, and every clause after it never
decides; `among` beside a real test holds only when that test does, and hides nothing.
Table-driven over the lint base (tests/lint_cases/base), with its policy's clauses replaced;
`expect` lists each PF713 as (index of the clause it is on, column)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"
LAST = "  - {outcome: undetermined, when: {}, confidence: balance}\n"

CASES = [
    {"name": "among alone before other clauses hides them all",
     "clauses": ["  - {outcome: undetermined, when: {among: [coaching]}, confidence: balance}\n",
                 "  - {outcome: coaching, when: {leads: coaching}, confidence: share}\n", LAST],
     "expect": [(1, 5), (2, 5)], "words": "has only `among`, a scope that always holds,"},
    {"name": "an empty clause before other clauses hides them all, as before",
     "clauses": ["  - {outcome: undetermined, when: {}, confidence: balance}\n",
                 "  - {outcome: coaching, when: {leads: coaching}, confidence: share}\n", LAST],
     "expect": [(1, 5), (2, 5)], "words": "has no tests"},
    {"name": "among beside a test holds only when the test does",
     "clauses": ["  - {outcome: blended, when: {among: [coaching, mentoring], each_at_least: 2}, confidence: balance}\n",
                 "  - {outcome: coaching, when: {leads: coaching}, confidence: share}\n", LAST],
     "expect": [], "words": ""},
    {"name": "among alone as the last clause hides nothing",
     "clauses": ["  - {outcome: coaching, when: {leads: coaching}, confidence: share}\n",
                 "  - {outcome: undetermined, when: {among: [coaching, mentoring]}, confidence: balance}\n"],
     "expect": [], "words": ""},
]


def _build(case: dict, tmp: Path) -> Path:
    rules = tmp / "rules"
    shutil.copytree(BASE, rules)
    policy = (rules / "policy.yaml").read_text(encoding="utf-8")
    head = policy.split("decision:\n", 1)[0]
    (rules / "policy.yaml").write_text(head + "decision:\n" + "".join(case["clauses"]), encoding="utf-8")
    return rules


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_clause_that_always_holds_hides_the_later_ones(case: dict, tmp_path: Path) -> None:
    rules = _build(case, tmp_path)
    first = (rules / "policy.yaml").read_text().split("decision:\n", 1)[0].count("\n") + 2  # the first clause's line
    found = [p for p in lint(rules).problems if p.code == "PF713"]
    assert [(p.pos.line - first, p.pos.col) for p in found] == case["expect"], \
        "\n".join(p.format() for p in found)
    for p in found:
        assert p.severity == "warning" and case["words"] in p.message, p.message


def test_the_engine_agrees_that_among_alone_decides_every_case(tmp_path: Path) -> None:
    """What the warning claims: a case whose evidence leads coaching still gets the
    `among`-only clause's outcome."""
    rules = _build(CASES[0], tmp_path)
    with Engine.load(rules) as engine:
        for facts in ({"goal": "specific", "needs": ["skill"], "hours": 10, "ready": True}, {}):
            assert engine.evaluate(facts).outcome == "undetermined"
