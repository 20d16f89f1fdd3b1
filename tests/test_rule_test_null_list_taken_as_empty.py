"""`formats:`, `fired:` or `not_fired:` written with nothing after it (YAML's null) in a rule
test's `expect` was taken as an empty list: `formats:` then expected exactly no formats, while
leaving the key out lets any formats pass, and the tests schema `pathfit schema` writes refuses
null there, so the editor refused a file that pathfit ran. Null is now PF801 at the key's value
(write `[]` for none, or leave the key out), exit status 2, nothing run; `[]` is taken as before."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def _write(rules: Path, expect: str) -> None:
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(
        f"cases:\n  - name: a\n    profile: {{}}\n    expect:\n      outcome: undetermined\n      {expect}\n")


@pytest.mark.parametrize("key", ["formats", "fired", "not_fired"])
@pytest.mark.parametrize("null", ["", " null", " ~"])
def test_a_null_list_in_expect_is_pf801_at_it(tmp_path: Path, key: str, null: str) -> None:
    rules = tiny_copy(tmp_path)
    _write(rules, f"{key}:{null}")
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    col = len(f"      {key}:") + (2 if null else 1)  # at the null, or just after the key when left empty
    assert lines[0].split(": ", 2)[:2] == [f"{rules}/tests/cases.yaml:6:{col}", "PF801"]


@pytest.mark.parametrize("key", ["formats", "fired", "not_fired"])
def test_an_empty_list_is_taken(tmp_path: Path, key: str) -> None:
    rules = tiny_copy(tmp_path)
    _write(rules, f"{key}: []")
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 0, result.output
