"""`pathfit batch --out results.csv --csv-bom` writes a byte order mark first, for Excel.

Regression: CSV results were UTF-8 with no way to mark them so. Excel, opening a .csv by a
double click, reads an unmarked file in the system's ANSI code page, so a non-ASCII id or value
(`Zoë`, `東京-7`) showed garbled. Scripts may rely on today's bytes, so the mark is an explicit
opt-in: with it the file is EF BB BF and then exactly the bytes written without it; without it
nothing changes; on JSON Lines results it is refused (PF613), nothing written. pathfit reads a
marked file back as it reads the unmarked one.
"""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")
BOM = b"\xef\xbb\xbf"
COHORT = 'id,goal\nZoë,specific\n東京-7,emerging\n"=1+1",\n'


def _batch(tmp_path: Path, out: str, *more: str):
    cohort = tmp_path / "cohort.csv"
    cohort.write_text(COHORT, encoding="utf-8")
    return CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(tmp_path / out), "--rules", TINY, "--quiet",
                                    "--jobs", "1", *more])


def test_csv_bom_writes_the_mark_then_the_same_bytes_as_without_it(tmp_path):
    plain, marked = _batch(tmp_path, "plain.csv"), _batch(tmp_path, "marked.csv", "--csv-bom")
    assert plain.exit_code == marked.exit_code == 0, (plain.output, marked.output)
    plain_bytes, marked_bytes = (tmp_path / "plain.csv").read_bytes(), (tmp_path / "marked.csv").read_bytes()
    assert not plain_bytes.startswith(BOM)  # the default is unchanged: no mark
    assert marked_bytes == BOM + plain_bytes
    assert "東京-7".encode("utf-8") in plain_bytes and "Zoë".encode("utf-8") in plain_bytes


def test_csv_bom_with_json_lines_results_is_refused_and_nothing_is_written(tmp_path):
    result = _batch(tmp_path, "results.jsonl", "--csv-bom")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith(f"{tmp_path / 'results.jsonl'}:0:0: PF613: ")
    assert not (tmp_path / "results.jsonl").exists()


def test_a_marked_results_file_given_back_is_read_as_the_unmarked_one(tmp_path):
    assert _batch(tmp_path, "plain.csv").exit_code == 0 and _batch(tmp_path, "marked.csv", "--csv-bom").exit_code == 0
    for command in (["batch", "{}", "--out", str(tmp_path / "again.jsonl"), "--rules", TINY],
                    ["impact", "--base", TINY, "--rules", TINY, "--profiles", "{}"]):
        said = []
        for name in ("plain.csv", "marked.csv"):
            run = CliRunner().invoke(cli, [str(tmp_path / name) if a == "{}" else a for a in command])
            said.append((run.exit_code, run.stdout, run.stderr.replace(name, "RESULTS")))
        assert said[0] == said[1] and said[0][0] == 2 and ":1:1: PF401: " in said[0][2], said


def test_a_cohort_a_spreadsheet_saved_with_the_mark_gives_the_same_results(tmp_path):
    assert _batch(tmp_path, "plain.csv").exit_code == 0
    marked = tmp_path / "marked-cohort.csv"
    marked.write_bytes(BOM + COHORT.encode("utf-8"))
    run = CliRunner().invoke(cli, ["batch", str(marked), "--out", str(tmp_path / "from-marked.csv"), "--rules", TINY,
                                   "--quiet", "--jobs", "1"])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "from-marked.csv").read_bytes() == (tmp_path / "plain.csv").read_bytes()
