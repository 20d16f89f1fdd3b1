"""Decision-table lint (PF228, PF229, PF230) where several columns test the same fact:
they are one variable, since a person has one value for a fact, so rows whose ranges on
it cannot meet never overlap, ranges that together cover it leave no gap, and every
example input gives each fact one value. Table-driven: each case adds one table to the
lint base (tests/lint_cases/base) and lists the exact findings, then the example each
finding's message must show."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"

HEAD = """tables:
  - id: t
    hit: {hit}
    complete: {complete}
    reason: r
    cites: [focus]
    inputs: {inputs}
    rows:
"""

CASES = [
    {"name": "whole-number ranges 3<h<5 and 4<h<6 on two columns of hours cannot overlap",
     "hit": "unique", "inputs": "[{fact: hours, test: gt}, {fact: hours, test: lt}]",
     "rows": ["[3, 5]", "[4, 6]"], "expect": [], "shows": []},
    {"name": "open score ranges that only touch cannot overlap, those that share values do",
     "hit": "unique", "inputs": "[{fact: score, test: gt}, {fact: score, test: lt}]",
     "rows": ["[0.3, 0.5]", "[0.4, 0.6]", "[0.5, 0.7]"],
     "expect": [("PF228", 10, 9), ("PF228", 11, 9)],
     "shows": ["both match score=0.45;", "both match score=0.55;"]},
    {"name": "two equality columns on goal: no person has two goals",
     "hit": "unique", "inputs": "[{fact: goal}, {fact: goal}]",
     "rows": ['[specific, "-"]', '["-", emerging]'], "expect": [], "shows": []},
    {"name": "two equality columns on goal with different results in an any table",
     "hit": "any", "inputs": "[{fact: goal}, {fact: goal}]",
     "rows": ['[specific, "-"]', '["-", emerging]'], "expect": [], "shows": []},
    {"name": "hours below 5 or at least 5, on two columns, is complete",
     "hit": "collect", "complete": "true", "inputs": "[{fact: hours, test: lt}, {fact: hours, test: gte}]",
     "rows": ['[5, "-"]', '["-", 5]'], "expect": [], "shows": []},
    {"name": "hours below 5 or at least 10, on two columns, leaves one gap with one hours value",
     "hit": "collect", "complete": "true", "inputs": "[{fact: hours, test: lt}, {fact: hours, test: gte}]",
     "rows": ['[5, "-"]', '["-", 10]'], "expect": [("PF230", 2, 5)],
     "shows": ["no row matches, for example, hours=5"]},
    {"name": "a row needing 3<h<5 and another h>=4, on two columns, overlap at hours=4",
     "hit": "unique", "inputs": "[{fact: hours, test: gt}, {fact: hours, test: lt}, {fact: hours, test: gte}]",
     "rows": ['[3, 5, "-"]', '["-", "-", 4]'], "expect": [("PF228", 10, 9)],
     "shows": ["both match hours=4;"]},
]


def _build(case: dict, tmp: Path) -> Path:
    rules = tmp / "rules"
    shutil.copytree(BASE, rules)
    text = HEAD.format(hit=case["hit"], complete=case.get("complete", "false"), inputs=case["inputs"])
    effects = ["{evidence: {coaching: 1}}", "{evidence: {mentoring: 1}}", "{evidence: {mentoring: 2}}"]
    for row, then in zip(case["rows"], effects):
        text += f"      - {{when: {row}, then: {then}}}\n"
    (rules / "table.yaml").write_text(text, encoding="utf-8")
    return rules


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_columns_on_one_fact_are_one_variable(case: dict, tmp_path: Path) -> None:
    report = lint(_build(case, tmp_path))
    table = [p for p in report.problems if Path(p.pos.file).name == "table.yaml"]
    assert [(p.code, p.pos.line, p.pos.col) for p in table] == case["expect"], \
        "\n".join(p.format() for p in report.problems)
    for problem, shown in zip(table, case["shows"]):
        assert shown in problem.message, problem.message
    for problem in table:  # never one fact given two values in one example input
        for example in re.split(r"[;:] ", problem.message.split(" match", 1)[-1]):
            named = re.findall(r"(?:any )?(\w+)=|any (\w+)", example)
            facts = [a or b for a, b in named]
            assert len(facts) == len(set(facts)), problem.message
