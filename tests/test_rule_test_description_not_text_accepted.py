"""A rule test file's `description` (of the file or of a case) is words for reviewers, and
`pathfit schema --kind tests` holds it to text; but `pathfit test` took any value there in
silence (`description: 3`, a list, a plain `no` that YAML 1.1 reads as false), so the editor
refused a file that pathfit ran, though the schemas refuse less than loading does. A
description that is not text is now PF801 at its value, with the file's other problems,
nothing run (exit 2); text of any kind, empty included, is taken as before."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

CASE = "  - name: a\n    profile: {}\n    expect: {outcome: undetermined}\n"


@pytest.mark.parametrize("value, col", [("3", 18), ("[1]", 18), ("no", 18), ("{a: b}", 18), ("null", 18)])
def test_a_case_description_that_is_not_text_is_pf801_at_it(tmp_path: Path, value: str, col: int) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    body = f"cases:\n  - name: a\n    description: {value}\n    profile: {{}}\n    expect: {{outcome: undetermined}}\n"
    (rules / "tests" / "cases.yaml").write_text(body)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert [line.split(": ", 2)[:2] for line in result.stderr.splitlines()] == \
        [[f"{rules}/tests/cases.yaml:3:{col}", "PF801"]]


@pytest.mark.parametrize("value", ["3", "[words]", "yes"])
def test_a_file_description_that_is_not_text_is_pf801_at_it(tmp_path: Path, value: str) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(f"description: {value}\ncases:\n{CASE}")
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert [line.split(": ", 2)[:2] for line in result.stderr.splitlines()] == \
        [[f"{rules}/tests/cases.yaml:1:14", "PF801"]]


@pytest.mark.parametrize("value", ["Cases for reviewers.", "'no'", "''", "'3'"])
def test_a_description_that_is_text_is_taken(tmp_path: Path, value: str) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(
        f"description: {value}\ncases:\n  - name: a\n    description: {value}\n"
        "    profile: {}\n    expect: {outcome: undetermined}\n")
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 0, result.output
