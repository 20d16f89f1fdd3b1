"""A CSV cell longer than the reader takes (65,536 characters as read) is PF102 at that cell,
said in pathfit's words. Regression: the problem was at the row's first column in Python's
words, "malformed CSV row: field larger than field limit (65536)", naming neither the cell nor
what was wrong with the row."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

LIMIT = 65_536
SAID = "PF102: this cell is longer than 65,536 characters, the most a CSV cell may hold"


def _batch(tmp_path, text: str):
    (tmp_path / "in.csv").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.jsonl")])
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()] \
        if (tmp_path / "out.jsonl").exists() else []
    return result, rows


@pytest.mark.parametrize("cell", [
    "x" * (LIMIT + 1),  # unquoted
    '"' + "x" * (LIMIT + 1) + '"',  # quoted: the quotes are not the cell's
    '"a\n' + "y" * (LIMIT + 1) + '"',  # spanning lines: located where it opens
])
def test_a_cell_over_the_limit_is_located_at_that_cell(tmp_path, cell):
    result, rows = _batch(tmp_path, f"id,goal_clarity,needs\nr1,specific,{cell}\nr2,specific,network\n")
    assert result.exit_code == 1, result.output
    assert rows[0]["id"] == "r1" and rows[0]["error"]["code"] == "PF102"
    assert (rows[0]["error"]["line"], rows[0]["error"]["col"]) == (2, 13)
    assert f"in.csv:2:13: {SAID} (row 1, id r1)" in result.output
    assert rows[1]["id"] == "r2" and rows[1]["error"] is None  # the row after it is read as written


@pytest.mark.parametrize("cell", [
    "x" * LIMIT,  # exactly the limit: read
    '"' + "x" * LIMIT + '"',
    '"' + '""' * (LIMIT // 2 + 10) + '"',  # more than the limit as written, less once each doubled quote is one
])
def test_a_cell_at_most_the_limit_as_read_is_not_refused_for_its_length(tmp_path, cell):
    result, rows = _batch(tmp_path, f"id,goal_clarity,needs\nr1,specific,{cell}\n")
    assert rows[0]["error"]["code"] == "PF403", rows[0]["error"]  # read, then judged as a value of `needs`


def test_a_header_cell_over_the_limit_refuses_the_input_at_that_cell(tmp_path):
    result, rows = _batch(tmp_path, "id,goal_clarity," + "n" * (LIMIT + 1) + "\nr1,specific,x\n")
    assert result.exit_code == 2 and rows == []
    assert result.output.startswith(f"{tmp_path / 'in.csv'}:1:17: {SAID} (the input is refused before any row)")
