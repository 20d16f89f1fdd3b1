"""The rules schema (`pathfit schema`, for the editor) took any of the eight tests on any
decision-table column, though it knows each fact's type and a rule's comparison is held to the
operators its fact takes: `{fact: needs}` on a set fact (a column without `test` makes
`equals`), `test: one_of` on a true-or-false derived fact, `test: lt` on a valued derived fact,
each refused by pathfit (PF210), were accepted. Now a column takes the tests its fact's type
takes, and one without `test` only a fact that takes `equals`. Checked both ways: the schema
accepts a table exactly when pathfit loads it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import FILES, write_project

MORE_FACTS = """  hours:
    type: number
    min: 0
    max: 40
    question: How many hours a month?
  needs:
    type: set
    values: [skill, network]
    question: What does the person need?
"""
PACE = """  pace:
    description: the pace
    type: enum
    values: [fast, steady]
"""
PACE_RULE = """  - id: pace.fast
    reason: A clear goal sets a fast pace.
    cites: [goals]
    when: {fact: clear_goal, equals: true}
    then: {derive: {pace: fast}}
"""

# (column as written, a cell it takes when the test applies, whether pathfit loads the table);
# which tests each type takes is docs/rule-language.md's table under "Decision tables"
COLUMNS = [
    ("{fact: needs}", "skill", False),
    ("{fact: needs, test: equals}", "skill", False),
    ("{fact: needs, test: contains}", "skill", True),
    ("{fact: clear_goal}", "true", True),
    ("{fact: clear_goal, test: one_of}", "[true]", False),
    ("{fact: pace}", "fast", True),
    ("{fact: pace, test: one_of}", "[fast]", True),
    ("{fact: pace, test: lt}", "3", False),
    ("{fact: hours, test: lt}", "3", True),
    ("{fact: hours, test: contains}", "3", False),
    ("{fact: ready_for_change, test: one_of}", "[true]", False),
    ("{fact: goal_clarity, test: not_one_of}", "[specific]", True),
    ("{fact: goal_clarity, test: gte}", "specific", False),
]


def _project(tmp_path: Path, column: str, cell: str) -> tuple[Path, str]:
    where = tmp_path / "p"
    write_project(str(where))
    schema = FILES["schema.yaml"].replace("derived:\n", MORE_FACTS + "derived:\n") + PACE
    (where / "schema.yaml").write_text(schema)
    (where / "rules.yaml").write_text(FILES["rules.yaml"] + "\n" + PACE_RULE)
    table = ("tables:\n  - id: t\n    hit: collect\n    reason: A table.\n    cites: [goals]\n"
             f"    inputs:\n      - {column}\n    rows:\n"
             f"      - {{when: [{cell}], then: {{evidence: {{coaching: 1}}}}}}\n")
    (where / "tables.yaml").write_text(table)
    return where, table


@pytest.mark.parametrize("column, cell, loads", COLUMNS, ids=[c[0] for c in COLUMNS])
def test_the_rules_schema_takes_a_column_exactly_when_pathfit_does(tmp_path: Path, column: str, cell: str,
                                                                  loads: bool) -> None:
    where, table = _project(tmp_path, column, cell)
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json"])
    assert got.exit_code in (0, 1), got.output
    errors = [(p["code"], Path(p["file"]).name) for p in json.loads(got.stdout)["problems"] if p["severity"] == "error"]
    assert (not errors) == loads, errors
    if not loads:
        assert errors == [("PF210", "tables.yaml")]
    # the schema of this very rule set, as an editor gets it; the test table aside, the rest loads
    (where / "tables.yaml").unlink()
    made = CliRunner().invoke(cli, ["schema", "--rules", str(where)])
    assert made.exit_code == 0, made.output
    found = list(Draft202012Validator(json.loads(made.stdout)).iter_errors(yaml.safe_load(table)))
    assert (not found) == loads, [e.message for e in found]
