"""A CSV record that the file ends inside a quoted cell of (a closing quote missing, or the
file cut short) is that row's error, PF102 at the opening quote, saying which lines were read
into the cell. Regressions: Python's csv reader, not strict, hands back such a record as if it
were whole, so a row cut off after `"specific_skill` was decided (exit 0, no error), and an
unclosed quote mid-file ran every later line into one cell: those rows were in neither the
output nor the count, and the one error said the row had too few fields, at its first column."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def _batch(tmp_path, data: bytes):
    (tmp_path / "in.csv").write_bytes(data)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.jsonl"),
                                      "--rules", TINY, "--jobs", "1"])
    return result, [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]


def test_a_row_cut_off_inside_a_quoted_cell_is_refused_not_decided(tmp_path):
    result, rows = _batch(tmp_path, b'id,goal,needs\na,specific,skill\nb,specific,"skill')
    assert result.exit_code == 1, result.output
    assert [(r["row"], r["id"], r["outcome"]) for r in rows] == [(1, "a", "coaching"), (2, "b", None)]
    assert [(e["code"], e["line"], e["col"]) for e in rows[1]["errors"]] == [("PF102", 3, 12)]
    assert "the file ends inside the quoted cell opened here" in rows[1]["error"]["message"]


def test_the_lines_an_unclosed_quote_swallowed_are_named_in_its_error(tmp_path):
    result, rows = _batch(tmp_path, b'id,goal,needs\nz,specific,skill\na,"specific,skill\nb,specific,skill\n'
                                    b'c,emerging,network\n')
    assert result.exit_code == 1, result.output
    assert [(r["row"], r["id"]) for r in rows] == [(1, "z"), (2, "a")]
    error = rows[1]["error"]
    assert (error["code"], error["line"], error["col"]) == ("PF102", 3, 3)
    assert "lines 4-5" in error["message"]  # what was read into the cell, so no row is lost unsaid
    said = result.stderr.splitlines()
    assert said[0] == "2 rows: coaching 1; errors 1"
    assert said[1].startswith(f"  {tmp_path / 'in.csv'}:3:3: PF102: ") and said[1].endswith("(row 2, id a)")
