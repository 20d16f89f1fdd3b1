"""`pathfit test RULES PATH...` where no PATH holds a case: PF805 is located at the first
path given, as it was written, and names every one. A directory with no test files
once gave the problem no place at all (`<input>:0:0`) and named nothing."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def _located(stderr: str) -> list[tuple[str, str]]:
    """(place, code) of each problem line: `place` is file:line:col."""
    return [(line.split(": ", 2)[0], line.split(": ", 2)[1]) for line in stderr.splitlines() if ": PF" in line]


def test_an_empty_directory_of_tests_is_pf805_at_that_directory(tmp_path: Path, monkeypatch):
    tiny_copy(tmp_path)
    (tmp_path / "emptytests").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["test", "rules", "emptytests"])
    assert result.exit_code == 2
    assert _located(result.stderr) == [("emptytests:0:0", "PF805")]
    assert result.stderr.rstrip().endswith(" emptytests")


def test_several_paths_without_a_case_are_one_pf805_at_the_first(tmp_path: Path, monkeypatch):
    tiny_copy(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b.yaml").write_text("cases: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["test", "--rules", "rules", "a", "b.yaml"])
    assert result.exit_code == 2
    assert _located(result.stderr) == [("a:0:0", "PF805")]
    assert result.stderr.rstrip().endswith(" a, b.yaml")  # both named, as given
