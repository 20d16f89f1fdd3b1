"""An author used to another rule language writes its words for an operator or a combinator:
`when: {and: [...]}` got "(did you mean 'any'?)", the opposite of what was meant, and `or`,
`<`, `>=`, `==`, `in`, `has` or a table column's `test: in` got no hint at all, since the hint
went by spelling alone. Now each gets pathfit's word for it, and where two would do (`in`:
`one_of` for an enum, `contains` for a set) the one the fact takes. The expected word is the
rule language's own (docs/rule-language.md, "Rules: conditions and effects")."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import FILES, write_project

NEEDS = """  needs:
    type: set
    values: [skill, network]
    question: What does the person need?
  hours:
    type: number
    min: 0
    max: 40
    question: How many hours a month?
"""

# (the condition as written, the word written, the hint's word)
CONDITIONS = [
    ('{and: [{fact: ready_for_change, equals: true}]}', "and", "all"),
    ('{or: [{fact: ready_for_change, equals: true}]}', "or", "any"),
    ('{fact: hours, "<": 3}', "<", "lt"),
    ('{fact: hours, "<=": 3}', "<=", "lte"),
    ('{fact: hours, ">": 3}', ">", "gt"),
    ('{fact: hours, ">=": 3}', ">=", "gte"),
    ('{fact: hours, "==": 3}', "==", "equals"),
    ('{fact: goal_clarity, eq: specific}', "eq", "equals"),
    ('{fact: goal_clarity, in: [specific]}', "in", "one_of"),
    ('{fact: needs, in: [skill]}', "in", "contains"),
    ('{fact: goal_clarity, not_in: [specific]}', "not_in", "not_one_of"),
    ('{fact: needs, has: skill}', "has", "contains"),
    ('{fact: needs, includes: skill}', "includes", "contains"),
    ('{fact: goal_clarity, equal: specific}', "equal", "equals"),  # spelling alone finds it, as before
]


def _project(tmp_path: Path, rules: str = "", tables: str = "") -> Path:
    where = tmp_path / "p"
    write_project(str(where))
    (where / "schema.yaml").write_text(FILES["schema.yaml"].replace("derived:\n", NEEDS + "derived:\n"))
    (where / "rules.yaml").write_text(FILES["rules.yaml"] + rules)
    if tables:
        (where / "tables.yaml").write_text(tables)
    return where


def _errors(where: Path) -> list[tuple]:
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json"])
    assert got.exit_code == 1, got.output
    return [(p["code"], p["line"], p["col"], p["message"]) for p in json.loads(got.stdout)["problems"]
            if p["severity"] == "error"]


@pytest.mark.parametrize("condition, written, meant", CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_a_word_from_another_language_gets_pathfits_word(tmp_path: Path, condition: str, written: str,
                                                          meant: str) -> None:
    rule = (f"\n  - id: x.other\n    reason: Written as elsewhere.\n    cites: [goals]\n"
            f"    when: {condition}\n    then: {{evidence: {{coaching: 1}}}}\n")
    where = _project(tmp_path, rules=rule)
    text = (where / "rules.yaml").read_text()
    line = text.splitlines().index(f"    when: {condition}") + 1
    col = text.splitlines()[line - 1].index(written if written[0].isalpha() else f'"{written}"') + 1
    errors = _errors(where)
    assert [(code, ln, c) for code, ln, c, _ in errors] == [("PF201" if written in ("and", "or") else "PF202",
                                                            line, col)]
    assert errors[0][3].endswith(f"(did you mean '{meant}'?)")


@pytest.mark.parametrize("fact, meant", [("goal_clarity", "one_of"), ("needs", "contains")])
def test_a_table_columns_test_from_another_language(tmp_path: Path, fact: str, meant: str) -> None:
    tables = (f"tables:\n  - id: t\n    hit: collect\n    reason: A table.\n    cites: [goals]\n"
              f"    inputs:\n      - {{fact: {fact}, test: in}}\n    rows:\n"
              f"      - {{when: [skill], then: {{evidence: {{coaching: 1}}}}}}\n")
    where = _project(tmp_path, tables=tables)
    errors = _errors(where)
    col = tables.splitlines()[6].index("in}") + 1
    assert [(code, ln, c) for code, ln, c, _ in errors] == [("PF202", 7, col)]
    assert errors[0][3].endswith(f"(did you mean '{meant}'?)")
