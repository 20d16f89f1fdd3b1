"""Lint's clause order (PF713) compared `among` and `below` as written: `among: [coaching,
mentoring]` and `among: [mentoring, coaching]` were two scopes, an `among` naming every
evidence outcome another scope than none, and `below: {coaching: 2, mentoring: 3}` another
test than `below: {mentoring: 3, coaching: 2}`, so a clause hidden by an earlier one went
unreported. `among` is a set of outcomes and `below` one test per entry (docs/rule-language.md,
"The policy"), and the engine decides alike however either is written: every person of the
lint base's fact space is decided here, and no one is decided by a clause lint calls hidden.
Table-driven over the lint base (tests/lint_cases/base), with its policy's clauses replaced;
`expect` lists each PF713 as (index of the clause it is on, column, index of the clause that
hides it)."""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"
LAST = "  - {outcome: undetermined, when: {}, confidence: balance}\n"
SPONSOR_HEAD = ("outcomes:\n  - {name: coaching, label: Coaching}\n  - {name: mentoring, label: Mentoring}\n"
                "  - {name: sponsorship, label: Sponsorship}\n  - {name: refer, label: Refer}\n"
                "  - {name: not_now, label: Not now}\n  - {name: undetermined, label: Undetermined}\n"
                "evidence_outcomes: [coaching, mentoring, sponsorship]\n")


def clause(outcome: str, when: str, confidence: str = "share") -> str:
    return f"  - {{outcome: {outcome}, when: {{{when}}}, confidence: {confidence}}}\n"


CASES = [
    {"name": "among in another order is the same scope",
     "clauses": [clause("coaching", "among: [coaching, mentoring], leads: coaching"),
                 clause("mentoring", "among: [mentoring, coaching], leads: coaching"), LAST],
     "expect": [(1, 5, 0)]},
    {"name": "among naming every evidence outcome is the scope of no among",
     "clauses": [clause("coaching", "leads: coaching"),
                 clause("mentoring", "leads: coaching, among: [mentoring, coaching]"), LAST],
     "expect": [(1, 5, 0)]},
    {"name": "no among after an among naming every evidence outcome",
     "clauses": [clause("coaching", "among: [coaching, mentoring], leads: coaching"),
                 clause("mentoring", "leads: coaching"), LAST],
     "expect": [(1, 5, 0)]},
    {"name": "below in another order is the same test",
     "clauses": [clause("undetermined", "below: {coaching: 2, mentoring: 3}", "balance"),
                 clause("coaching", "below: {mentoring: 3, coaching: 2}", "balance"), LAST],
     "expect": [(1, 5, 0)]},
    {"name": "below with an earlier clause's entry and one more",
     "clauses": [clause("undetermined", "below: {mentoring: 3}", "balance"),
                 clause("coaching", "below: {coaching: 2, mentoring: 3}", "balance"), LAST],
     "expect": [(1, 5, 0)]},
    {"name": "below with another limit for the same outcome hides nothing",
     "clauses": [clause("undetermined", "below: {coaching: 2}", "balance"),
                 clause("coaching", "below: {coaching: 3}", "balance"), LAST],
     "expect": []},
    {"name": "among of two of three outcomes in another order is the same scope",
     "head": SPONSOR_HEAD,
     "clauses": [clause("coaching", "among: [coaching, mentoring], leads: coaching"),
                 clause("mentoring", "among: [mentoring, coaching], leads: coaching"), LAST],
     "expect": [(1, 5, 0)]},
    {"name": "among of two of three outcomes is not the scope of no among",
     "head": SPONSOR_HEAD,
     "clauses": [clause("coaching", "leads: coaching"),
                 clause("mentoring", "leads: coaching, among: [mentoring, coaching]"), LAST],
     "expect": []},
]


def _build(case: dict, tmp: Path) -> tuple[Path, int]:
    """The lint base with this case's decision clauses (and policy head), and the first's line."""
    rules = tmp / "rules"
    shutil.copytree(BASE, rules)
    policy = (rules / "policy.yaml").read_text(encoding="utf-8")
    head = policy.split("decision:\n", 1)[0]
    if "head" in case:
        head = case["head"] + head.split("\n", 1)[1]  # the base's evidence_outcomes line replaced
    (rules / "policy.yaml").write_text(head + "decision:\n" + "".join(case["clauses"]), encoding="utf-8")
    return rules, head.count("\n") + 2


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_clause_hidden_whatever_order_among_and_below_are_written_in(case: dict, tmp_path: Path) -> None:
    rules, first = _build(case, tmp_path)
    found = [p for p in lint(rules).problems if p.code == "PF713"]
    assert [(p.pos.line - first, p.pos.col) for p in found] == [(i, col) for i, col, _ in case["expect"]], \
        "\n".join(p.format() for p in found)
    for p, (_, _, hider) in zip(found, case["expect"]):
        assert p.severity == "warning" and f"the clause at line {first + hider} " in p.message, p.message


def _everyone() -> list[dict]:
    """Every person of the lint base's fact space: each fact unknown or one value per class of
    values its rules tell apart (hours around 4, score around 0.5, any members of needs)."""
    axes = {"goal": ["specific", "emerging", "undefined"], "hours": [0, 3, 4, 160], "score": [0, 0.5, 1],
            "needs": [list(c) for r in range(4) for c in itertools.combinations(["skill", "network", "basics"], r)],
            "ready": [True, False]}
    return [{k: v for k, v in zip(axes, values) if v is not None}
            for values in itertools.product(*([None, *vals] for vals in axes.values()))]


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"] and "head" not in c],
                         ids=[c["name"] for c in CASES if c["expect"] and "head" not in c])
def test_the_engine_never_decides_by_the_hidden_clause(case: dict, tmp_path: Path) -> None:
    """What the warning claims, against the engine over every person: the clause lint calls
    hidden decides no one, while the clause hiding it decides someone."""
    rules, _ = _build(case, tmp_path)
    with Engine.load(rules) as engine:
        deciding = {engine.evaluate(person).verdict.clause for person in _everyone()}
    for hidden, _, hider in case["expect"]:
        assert hidden not in deciding and hider in deciding, deciding
