"""A `first` decision table whose rows share a cell (two rows both for someone ready to change)
got PF714 from `pathfit lint`: "rule 'fit.2': `not (ready_for_change is true)` can never hold
here, so that part of the condition is dead", at the first row's cell. The author wrote no such
part: a row of a `first` table holds the negation of every earlier row (docs/rule-language.md),
and for rows sharing a cell part of that negation can never hold, which is what `first` means.
So an ordinary `first` table failed `pathfit lint --strict`, though the docs say lint checks
nothing of a `first` table. Now PF714 is reported only at a part the rule's author wrote; a row
no input reaches is still an error (PF701), and a dead part of an `any` still PF714."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import FILES, write_project

TABLE = """tables:
  - id: fit
    hit: first
    reason: Readiness and the goal tip the balance.
    cites: [mentors]
    inputs:
      - {fact: goal_clarity}
      - {fact: ready_for_change}
    rows:
      - {when: [specific, true], then: {evidence: {coaching: 1}}}
      - {when: [emerging, true], then: {evidence: {mentoring: 1}}}
"""

CSV_TABLE = """tables:
  - id: fit
    hit: first
    reason: Readiness and the goal tip the balance.
    cites: [mentors]
    rows_from: fit.csv
"""
CSV = "goal_clarity,ready_for_change,evidence.coaching,evidence.mentoring\nspecific,true,1,\nemerging,true,,1\n"

# a rule with a part an author wrote that can never hold, beside the table: still PF714
DEAD_ANY = """  - id: mentoring.either
    reason: Either no guide is wanted, or the goal is both specific and emerging.
    cites: [mentors]
    when:
      any:
        - {fact: wants_experienced_guide, equals: false}
        - all: [{fact: goal_clarity, equals: specific}, {fact: goal_clarity, equals: emerging}]
    then: {evidence: {mentoring: 1}}
"""


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    where = tmp_path / "p"
    write_project(str(where))
    for name, text in files.items():
        (where / name).write_text(text)
    return where


def _lint(where: Path, *options: str) -> tuple[int, list[tuple]]:
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json", *options])
    assert got.exit_code in (0, 1), got.output
    problems = json.loads(got.stdout)["problems"]
    return got.exit_code, [(p["code"], Path(p["file"]).name, p["line"], p["col"]) for p in problems]


def test_a_first_table_whose_rows_share_a_cell_passes_strict_lint(tmp_path: Path) -> None:
    where = _project(tmp_path, {"tables.yaml": TABLE})
    assert _lint(where, "--strict") == (0, [])


def test_a_first_table_from_a_csv_whose_rows_share_a_cell_passes_strict_lint(tmp_path: Path) -> None:
    where = _project(tmp_path, {"tables.yaml": CSV_TABLE, "fit.csv": CSV})
    assert _lint(where, "--strict") == (0, [])


def test_a_part_the_author_wrote_that_can_never_hold_is_still_reported(tmp_path: Path) -> None:
    rules = FILES["rules.yaml"] + "\n" + DEAD_ANY
    where = _project(tmp_path, {"tables.yaml": TABLE, "rules.yaml": rules})
    lines = rules.splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "equals: emerging}]" in text)
    col = lines[line - 1].index("{fact: goal_clarity, equals: emerging}") + 1
    assert _lint(where) == (0, [("PF714", "rules.yaml", line, col)])


SHADOWED = "      - {when: [\"-\", true], then: {evidence: {mentoring: 1}}}\n"


def test_a_row_no_input_reaches_is_one_error_at_the_row(tmp_path: Path) -> None:
    """Row 3 is reached by nobody: rows 1 and 2 take everyone ready to change with either goal
    (the starter's goal_clarity is specific or emerging). It was three PF701 errors, each at a
    cell of row 1 or row 2, none at row 3; now it is one, at row 3, naming rows 1 and 2."""
    table = TABLE + SHADOWED
    where = _project(tmp_path, {"tables.yaml": table})
    status, problems = _lint(where)
    line = table.splitlines().index(SHADOWED.rstrip("\n")) + 1
    assert (status, problems) == (1, [("PF701", "tables.yaml", line, SHADOWED.index("{") + 1)])
    got = CliRunner().invoke(cli, ["lint", str(where)])
    assert "(lines 10, 11)" in got.stdout


def test_a_csv_row_no_input_reaches_is_one_error_at_the_row(tmp_path: Path) -> None:
    where = _project(tmp_path, {"tables.yaml": CSV_TABLE, "fit.csv": CSV + "-,true,,1\n"})
    assert _lint(where) == (1, [("PF701", "fit.csv", 4, 1)])


def test_a_row_whose_own_cell_can_never_hold_is_told_at_the_cell(tmp_path: Path) -> None:
    """A row dead by its own cells is told where they are, as any rule is."""
    table = TABLE.replace("{fact: goal_clarity}", "{fact: goal_clarity, test: not_one_of}").replace(
        "[specific, true]", "[[specific], true]").replace("[emerging, true]", "[[specific, emerging], true]")
    where = _project(tmp_path, {"tables.yaml": table})
    line = next(n for n, text in enumerate(table.splitlines(), start=1) if "[[specific, emerging]" in text)
    col = table.splitlines()[line - 1].index("[specific, emerging]") + 1
    assert _lint(where) == (1, [("PF702", "tables.yaml", line, col)])
