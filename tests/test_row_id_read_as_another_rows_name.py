"""`impact` named a row by its id, else `row N`: a row whose id is the text `row 1` read as the
id-less first row, and the two could not be told apart. Every row is now named as `batch`
names it, by its number first and then its id or that it has none (`row 1, no id`,
`row 2, id row 1`), so no two rows read alike, and both commands name a row the same way."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, ROOT

TINY = str(HERE / "fixtures" / "tiny")
NAMES = ["row 1, no id", "row 2, id row 1", "row 3, id a"]


def _corpus(tmp_path):
    corpus = tmp_path / "in.jsonl"
    rows = [{}, {"id": "row 1"}, {"id": "a"}]  # goal_clarity: a fact of the bundled rules, not the tiny ones
    corpus.write_text("".join(json.dumps({**row, "goal_clarity": "specific"}) + "\n" for row in rows))
    return corpus


def test_impact_names_no_two_rows_alike(tmp_path):
    result = CliRunner().invoke(cli, ["impact", "--base", TINY, "--rules", str(ROOT / "rules"),
                                      "--profiles", str(_corpus(tmp_path))])
    assert result.exit_code == 0, result.output
    said = [line.split(" (line ")[0].strip() for line in result.stdout.splitlines() if " (line " in line]
    assert said == NAMES


def test_batch_names_rows_as_impact_does(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(_corpus(tmp_path)), "--out", str(tmp_path / "out.csv"),
                                      "--rules", TINY])
    assert result.exit_code == 1
    said = [line.rsplit(" (", 1)[1].rstrip(")") for line in result.stderr.splitlines() if "PF401" in line]
    assert said == NAMES
