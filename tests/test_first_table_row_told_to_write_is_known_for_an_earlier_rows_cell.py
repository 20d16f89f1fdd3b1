"""A `first` decision table whose first row has a cell that can never hold (`goal_clarity
not_one_of [specific, emerging]`, every value the fact takes) got, beside that cell's PF702,
one PF703 warning for every later row, at that same cell: "rule 'fit.2': `not (goal_clarity is
not one of specific, emerging)` holds for every known value ...; write `is: known` if that is
meant". A later row's author wrote no such comparison: a row of a `first` table holds the
negation of every earlier row (docs/rule-language.md), and there is nowhere to write `is:
known` in its place. Now PF703, as PF714, is reported only at a comparison the rule's author
wrote: the cell's own PF702 is the one finding there, and a cell that holds for every known
value is still PF703 at its own row."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import write_project

TABLE = """tables:
  - id: fit
    hit: first
    reason: Readiness and the goal tip the balance.
    cites: [mentors]
    inputs:
      - {fact: goal_clarity, test: not_one_of}
      - {fact: ready_for_change}
    rows:
      - {when: [[specific, emerging], true], then: {evidence: {coaching: 1}}}
      - {when: [[specific], true], then: {evidence: {mentoring: 1}}}
      - {when: ["-", true], then: {evidence: {mentoring: 2}}}
"""
CSV_TABLE = """tables:
  - id: fit
    hit: first
    reason: Readiness and the goal tip the balance.
    cites: [mentors]
    rows_from: fit.csv
"""
CSV = ("goal_clarity not_one_of,ready_for_change,evidence.coaching,evidence.mentoring\n"
       "\"[specific, emerging]\",true,1,\n[specific],true,,1\n-,true,,2\n")


def _lint(tmp_path: Path, files: dict[str, str]) -> list[tuple]:
    where = tmp_path / "p"
    write_project(str(where))
    for name, text in files.items():
        (where / name).write_text(text)
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json"])
    assert got.exit_code == 1, got.output
    return [(p["code"], Path(p["file"]).name, p["line"], p["col"]) for p in json.loads(got.stdout)["problems"]]


def _cell(text: str, marker: str) -> tuple[int, int]:
    lines = text.splitlines()
    line = next(n for n, words in enumerate(lines, start=1) if marker in words)
    return line, lines[line - 1].index(marker) + 1


def test_an_earlier_rows_cell_that_never_holds_is_its_own_pf702_alone(tmp_path: Path) -> None:
    line, col = _cell(TABLE, "[specific, emerging]")
    assert _lint(tmp_path, {"tables.yaml": TABLE}) == [("PF702", "tables.yaml", line, col)]


def test_a_csv_rows_cell_that_never_holds_is_its_own_pf702_alone(tmp_path: Path) -> None:
    assert _lint(tmp_path, {"tables.yaml": CSV_TABLE, "fit.csv": CSV}) == [("PF702", "fit.csv", 2, 1)]


def test_a_cell_that_holds_for_every_known_value_is_still_pf703_at_its_own_row(tmp_path: Path) -> None:
    """Row 2's own cell `one_of [specific, emerging]` holds for every value goal_clarity takes."""
    table = TABLE.replace("test: not_one_of", "test: one_of").replace("[[specific, emerging], true]", "[[specific], true]") \
        .replace("{when: [[specific], true], then: {evidence: {mentoring: 1}}}",
                 "{when: [[specific, emerging], true], then: {evidence: {mentoring: 1}}}")
    where = tmp_path / "p"
    write_project(str(where))
    (where / "tables.yaml").write_text(table)
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json"])
    found = [(p["code"], p["line"], p["col"], p["message"].split("'")[1]) for p in json.loads(got.stdout)["problems"]]
    line, col = _cell(table, "[specific, emerging]")
    assert [f for f in found if f[0] == "PF703"] == [("PF703", line, col, "fit.2")], found
