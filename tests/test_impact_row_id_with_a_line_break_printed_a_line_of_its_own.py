"""`pathfit impact`'s text names each changed profile by its row id, read from the corpus as
written. An id holding a line break (`"id": "x\\nDecision changed for 0 of 2 profiles."` in
JSON Lines, or a quoted CSV cell over two lines) printed a line of its own, which read as a line
of the report: here a second, false, count of the changed decisions. The id is now shown on its
row's one line, its line breaks and tabs escaped as `batch` shows a row's id (`\\u000a`); JSON
output keeps the id as written.
"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_versions

FORGED = "Decision changed for 0 of 2 profiles."


def _impact(old: Path, new: Path, corpus: Path, *more: str):
    return CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus),
                                    *more])


def test_a_row_id_with_a_line_break_stays_on_its_rows_line(tmp_path):
    old, new = tiny_versions(tmp_path)
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": "x\n" + FORGED + "\tend", "needs": ["network"]}, {"id": "y", "needs": ["basics"]}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = _impact(old, new, corpus, "--all")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines.count(FORGED) == 0
    assert [line for line in lines if line.startswith("Decision changed for ")] == \
        ["Decision changed for 1 of 2 profiles:"]
    assert "  row 1, id x\\u000a" + FORGED + "\\u0009end (line 1): mentoring -> undetermined" in lines
    data = json.loads(_impact(old, new, corpus, "--format", "json").stdout)
    assert data["decision_changed"][0]["id"] == rows[0]["id"]


def test_a_csv_id_over_two_lines_stays_on_its_rows_line(tmp_path):
    old, new = tiny_versions(tmp_path)
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(f'id,needs\n"x\n{FORGED}",network\ny,basics\n')
    result = _impact(old, new, corpus)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines.count(FORGED) == 0
    assert "  row 1, id x\\u000a" + FORGED + " (line 2): mentoring -> undetermined" in lines
