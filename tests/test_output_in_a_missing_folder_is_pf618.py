"""Every command's output file in a folder that does not exist is refused before any work as
PF618 (docs/audit.md: "output refused before any work: ... or in a missing folder"), nothing
written. Regression: `pathfit docs --out` said PF100 ("output directory does not exist"), a code
for an input that cannot be read, where every other output said PF618."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

EXAMPLE = ROOT / "examples" / "graduate-seeking-career-direction.yaml"


@pytest.mark.parametrize("args", [
    ["docs", "--out", "{missing}/rules.md"],
    ["batch", "{rows}", "--out", "{missing}/out.jsonl"],
    ["report", "{record}", "--out", "{missing}/r.html"],
    ["interview", "--save", "{missing}/p.yaml"],
])
def test_an_output_in_a_missing_folder_is_pf618_before_any_work(tmp_path, args):
    rows, record = tmp_path / "rows.jsonl", tmp_path / "r.json"
    rows.write_text('{"id": "a"}\n')
    made = CliRunner().invoke(cli, ["recommend", "--profile", str(EXAMPLE), "--record", str(record)])
    assert made.exit_code == 0, made.output
    missing = tmp_path / "no" / "such"
    given = [a.format(missing=missing, rows=rows, record=record) for a in args]
    result = CliRunner().invoke(cli, given, input="")
    assert result.exit_code == 2, result.output
    out = given[-1]
    assert result.stderr.startswith(f"{out}:0:0: PF618: "), result.stderr
    assert f"the folder {missing} does not exist" in result.stderr
    assert not (tmp_path / "no").exists()
