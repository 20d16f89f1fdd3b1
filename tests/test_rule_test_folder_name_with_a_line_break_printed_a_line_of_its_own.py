"""PF805 (no rule test cases found) named the folders searched as they were spelt: a folder
name holding a line break printed a line of its own, and an escape reached the terminal, where
the problem's place beside it was quoted. The message now names each as every message names a
path (quoted where it must be), so the problem is one line."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def test_pf805_names_a_folder_with_a_line_break_on_one_line(tmp_path, monkeypatch):
    rules = tiny_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e\nx").mkdir()
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "e\nx"])
    assert result.exit_code == 2
    assert result.stderr == "'e\\nx':0:0: PF805: no rule test cases found in 'e\\nx'\n"
