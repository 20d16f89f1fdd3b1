"""A directory where a file is wanted, in the commands that decide for people, is pathfit's
located `path:0:0: CODE: message`, exit 2, nothing written, never click's usage error.
Regression: --profile, --record, --audit-log (recommend, explain, interview), interview's
--save and batch's INPUT, --out and --audit-log were checked by click first."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

CASES = [
    (["recommend", "--profile", "adir"], "PF100"),
    (["explain", "--profile", "adir"], "PF100"),
    (["interview", "--profile", "adir"], "PF100"),
    (["recommend", "--fact", "needs=performance", "--record", "adir"], "PF617"),
    (["recommend", "--fact", "needs=performance", "--audit-log", "adir"], "PF617"),
    (["interview", "--save", "adir"], "PF618"),
    (["batch", "adir", "--out", "o.jsonl"], "PF100"),
    (["batch", "in.csv", "--out", "adir"], "PF618"),
    (["batch", "in.csv", "--out", "o.jsonl", "--audit-log", "adir"], "PF617"),
]


@pytest.mark.parametrize("args, code", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_a_directory_given_for_a_file_is_located(tmp_path, monkeypatch, args, code):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    (tmp_path / "adir").mkdir()
    (tmp_path / "in.csv").write_text("id,needs\nr1,performance\n")
    result = CliRunner().invoke(cli, args, input="")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"adir:0:0: {code}: "), result.output
    assert "Usage:" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir", "in.csv"] and not any((tmp_path / "adir").iterdir())
