"""A CSV cohort as a spreadsheet saves it: the `id` cell was read with the spaces around it
(an id " 7", or "   " for a cell of spaces, where every other cell's blanks are taken off
and such a cell is unknown), and a row whose every cell is empty (a spreadsheet's blank row,
saved as `,,,`) was decided as a person with nothing known: counted as a decision, and with
--audit-log sealed in a record of its own. Now the id is read as every cell is, and a row
that holds nothing is skipped as a blank line is."""
from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.cohort.rows import parsed, read_rows

from .helpers import keyed_workplace

FACTS = Engine.load().ruleset.facts
HEADER = "needs,id,career_stage\n"


def _rows(text: str) -> list[tuple]:
    rows = [parsed(r, "in.csv", FACTS) for r in read_rows(io.BytesIO(text.encode()), "in.csv", "csv", FACTS, False)]
    return [(r.number, r.line, r.id, r.error and (r.error.code, r.error.pos.line, r.error.pos.col)) for r in rows]


def test_an_id_cell_is_read_without_the_blanks_around_it():
    got = _rows(HEADER + "network, 7 ,executive\nnetwork,   ,executive\nnetwork,\tr 2 ,\n")
    assert got == [(1, 2, "7", None), (2, 3, None, None), (3, 4, "r 2", None)]


def test_an_id_read_on_a_row_with_the_wrong_number_of_fields_or_too_long_loses_its_blanks_too():
    got = _rows(HEADER + "network, 8 \nnetwork, 9 ,executive,x\n" + "network, " + "i" * 257 + " ,executive\n")
    assert got == [(1, 2, "8", ("PF406", 2, 1)), (2, 3, "9", ("PF406", 3, 1)), (3, 4, None, ("PF406", 4, 10))]


def test_a_row_of_empty_cells_is_no_row_as_a_blank_line_is():
    got = _rows(HEADER + "network,a,executive\n,,\n , \t, \n,\"\",\n\nnetwork,b\n,,,\n")
    assert got == [(1, 2, "a", None), (2, 7, "b", ("PF406", 7, 1))]


def test_a_batch_counts_and_records_no_blank_row(tmp_path: Path, tmp_path_factory, monkeypatch):
    keyed_workplace(tmp_path, tmp_path_factory, monkeypatch)
    cohort = tmp_path / "cohort.csv"
    cohort.write_text("\ufeff" + HEADER.replace("\n", "\r\n") + "network, p1 ,executive\r\n,,\r\n,,\r\n")
    out, log = tmp_path / "out.jsonl", tmp_path / "audit.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(out), "--jobs", "1", "--audit-log", str(log)])
    assert result.exit_code == 0, result.output
    assert [(r["row"], r["id"]) for r in map(json.loads, out.read_text().splitlines())] == [(1, "p1")]
    assert result.stderr.startswith("1 row: undetermined 1; errors 0\nappended 1 record ")
