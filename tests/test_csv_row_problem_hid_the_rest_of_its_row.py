"""A table row kept in a CSV file is checked through, as the same row written in YAML is:
one cell's problem (an empty input cell, a cell that does not parse, a comment, tag, anchor
or alias in a cell) is reported at that cell and the row's other cells, its reason and its
citations are still checked, so one lint run reports every problem of the row, each at its
own cell (docs/authoring.md: validation reports every problem of every rule in one run)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

_HEAD = "tables:\n  - id: pick\n    hit: collect\n    reason: Goal and readiness decide.\n    cites: [focus]\n" \
        "    rows_from: pick.csv\n"
_HEADER = "goal,ready,id,cites,evidence.coaching\n"
_GOOD = "specific,true,clear,,2\n"


def _lint(tmp: Path, row: str) -> list[tuple[int, int, str]]:
    rules = tiny_copy(tmp)
    (rules / "t.yaml").write_text(_HEAD)
    (rules / "pick.csv").write_text(_HEADER + _GOOD + row)
    result = CliRunner().invoke(cli, ["lint", "--format", "json", "--rules", str(rules)])
    report = json.loads(result.stdout)
    return sorted((p["line"], p["col"], p["code"]) for p in report["problems"]
                  if Path(p["file"]).name == "pick.csv")


def _at(row: str, code: str, cell: str) -> tuple[int, int, str]:
    """The problem `code` at `cell`, the text a cell of `row` (line 3 of the CSV) starts with."""
    return 3, (row.index(cell) + 1 if cell else 1), code


# Each row holds one cell-level fault (first) beside faults elsewhere in the row that the
# same row in YAML would report too: an unknown citation (PF207), a weight that is no
# number (PF203), a list in an `equals` column (PF204).
@pytest.mark.parametrize("row, expected", [
    (",true,unsure,[nosuch],x\n", [("PF204", ""), ("PF207", "nosuch"), ("PF203", "x\n")]),  # empty input cell
    ('specific,"[a,",unsure,[nosuch],x\n', [("PF102", '"[a,'), ("PF207", "nosuch"), ("PF203", "x\n")]),
    ("specific,&a true,unsure,[nosuch],x\n", [("PF104", "&a"), ("PF207", "nosuch"), ("PF203", "x\n")]),
    ("[specific],true,unsure,[nosuch],&a 1\n", [("PF104", "&a"), ("PF207", "nosuch"), ("PF204", "[specific]")]),
    ("[specific],true,unsure,[nosuch],!!int 1\n", [("PF103", "!!"), ("PF207", "nosuch"), ("PF204", "[specific]")]),
    ("[specific],true,unsure,[nosuch],1 # was 2\n", [("PF204", "1 #"), ("PF207", "nosuch"),
                                                       ("PF204", "[specific]")]),
])
def test_one_bad_cell_does_not_hide_the_other_problems_of_its_row(tmp_path: Path, row: str, expected) -> None:
    assert _lint(tmp_path, row) == sorted(_at(row, code, cell) for code, cell in expected)


def test_a_row_with_a_bad_cell_is_never_compiled_as_a_rule(tmp_path: Path) -> None:
    row = "-,-,unsure,,&a 1\n"
    # not also "every cell is `-`" (PF227), which a compiled row of dashes would be
    assert _lint(tmp_path, row) == [_at(row, "PF104", "&a")]
