"""A decision table whose input column has an error (a misspelt fact or test, a test that does
not apply to the fact's type, a fact whose declaration is refused) and a row with `-` in that
column: every command that loads the rule set stopped with "internal error: AttributeError"
(exit status 2, no location), in a YAML table and a CSV one alike, so an author's typo in a
column hid every problem lint would report. Now the column's error is reported at its token,
with the rest of the rule set's problems, and lint exits 1, the other commands 2, no internal
error. So was any table column, `-` or not, in a rule set whose schema.yaml has `facts` that is
no mapping (`facts: []`) or none: the column's fact could not be looked up."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import write_project

TABLE = """tables:
  - id: fit
    hit: first
    reason: Readiness and the goal tip the balance.
    cites: [mentors]
    inputs:
      - {fact: COLUMN}
      - {fact: ready_for_change}
    rows:
      - {when: [specific, true], then: {evidence: {coaching: 1}}}
      - {when: ["-", false], then: {evidence: {mentoring: 1}}}
"""

# the column as written -> (code, the token the error is at); each is refused whatever the rows
COLUMNS = {
    "goal_clarty": ("PF205", "goal_clarty"),                       # a misspelt fact
    "goal_clarity, test: equls": ("PF202", "equls"),               # a misspelt test
    "goal_clarity, test: lt": ("PF210", "lt"),                     # a number's test on an enum
}


def _at(text: str, token: str) -> tuple[int, int]:
    """Line and column (1-based) of the first `token` in `text`: where the error must be."""
    for n, line in enumerate(text.splitlines(), start=1):
        if token in line:
            return n, line.index(token) + 1
    raise AssertionError(token)


def _project(tmp_path: Path, name: str, file: str, text: str) -> Path:
    where = tmp_path / name
    write_project(str(where))
    (where / file).write_text(text)
    return where


def _lint(where: Path) -> tuple[int, list[dict], str]:
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json"])
    problems = json.loads(got.stdout)["problems"] if got.exit_code in (0, 1) else []
    return got.exit_code, problems, got.stdout + got.stderr


@pytest.mark.parametrize("column", COLUMNS)
def test_a_yaml_table_column_in_error_is_reported_where_it_is_written(tmp_path: Path, column: str) -> None:
    text = TABLE.replace("COLUMN", column)
    where = _project(tmp_path, "p", "tables.yaml", text)
    status, problems, said = _lint(where)
    assert "internal error" not in said
    assert status == 1
    code, token = COLUMNS[column]
    line, col = _at(text, token)
    assert [(p["code"], p["file"], p["line"], p["col"]) for p in problems if p["severity"] == "error"] \
        == [(code, str(where / "tables.yaml"), line, col)]


def test_a_column_on_a_fact_whose_declaration_is_refused(tmp_path: Path) -> None:
    """A number fact whose range no answer fits is refused at its `min` (PF204); a column on it
    beside a `-` cell took the same way to the internal error."""
    text = TABLE.replace("COLUMN", "hours, test: gte").replace("[specific, true]", "[4, true]")
    where = _project(tmp_path, "p", "tables.yaml", text)
    schema = (where / "schema.yaml").read_text()
    schema = schema.replace("derived:\n", "  hours:\n    type: number\n    min: 9\n    max: 1\n"
                                          "    question: Hours a month?\nderived:\n")
    (where / "schema.yaml").write_text(schema)
    status, problems, said = _lint(where)
    assert "internal error" not in said
    assert status == 1
    line, col = _at(schema, "min: 9")
    assert ("PF204", str(where / "schema.yaml"), line, col + len("min: ")) in \
        [(p["code"], p["file"], p["line"], p["col"]) for p in problems]


@pytest.mark.parametrize("header, code, token", [
    ("goal_clarty,ready_for_change,evidence.coaching", "PF205", "goal_clarty"),
    ("goal_clarity equls,ready_for_change,evidence.coaching", "PF202", "equls"),
])
def test_a_csv_table_column_in_error_is_reported_where_it_is_written(tmp_path: Path, header: str, code: str,
                                                                       token: str) -> None:
    tables = ("tables:\n  - id: fit\n    hit: collect\n    reason: Readiness tips the balance.\n"
              "    cites: [mentors]\n    rows_from: fit.csv\n")
    where = _project(tmp_path, "p", "tables.yaml", tables)
    csv = f"{header}\n-,true,1\n"
    (where / "fit.csv").write_text(csv)
    status, problems, said = _lint(where)
    assert "internal error" not in said
    assert status == 1
    line, col = _at(csv, token)
    assert [(p["code"], p["file"], p["line"], p["col"]) for p in problems if p["severity"] == "error"] \
        == [(code, str(where / "fit.csv"), line, col)]


@pytest.mark.parametrize("command", [["docs"], ["rules", "list"], ["schema"], ["test"],
                                     ["recommend", "--fact", "ready_for_change=false"]])
def test_every_command_that_loads_the_rules_refuses_them_located(tmp_path: Path, command: list[str]) -> None:
    text = TABLE.replace("COLUMN", "goal_clarty")
    where = _project(tmp_path, "p", "tables.yaml", text)
    got = CliRunner().invoke(cli, [*command, "--rules", str(where)])
    assert "internal error" not in got.stderr
    assert got.exit_code == 2
    line, col = _at(text, "goal_clarty")
    assert f"tables.yaml:{line}:{col}: PF205: " in got.stderr
    assert got.stdout == ""


@pytest.mark.parametrize("facts", ["facts: []\n", "facts: goal_clarity\n", ""])
def test_a_table_beside_a_schema_whose_facts_are_unread(tmp_path: Path, facts: str) -> None:
    """schema.yaml's `facts` no mapping, or missing: its own error is the message (PF203,
    PF201), and no column is told its fact is unknown (docs/authoring.md)."""
    where = _project(tmp_path, "p", "tables.yaml", TABLE.replace("COLUMN", "goal_clarity"))
    schema = (where / "schema.yaml").read_text()
    start, end = schema.index("\nfacts:") + 1, schema.index("derived:")
    schema = schema[:start] + facts + schema[end:]
    (where / "schema.yaml").write_text(schema)
    status, problems, said = _lint(where)
    assert "internal error" not in said
    assert status == 1
    line = schema.splitlines().index(facts.rstrip("\n")) + 1 if facts else 0
    assert [(p["code"], Path(p["file"]).name) for p in problems if p["severity"] == "error"] \
        == [("PF203" if facts else "PF201", "schema.yaml")]
    assert facts == "" or [p["line"] for p in problems] == [line]
