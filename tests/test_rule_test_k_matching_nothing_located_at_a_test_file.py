"""`pathfit test -k TEXT` that no case name contains was PF805 located at the first test file
(`RULES/tests/cases.yaml:0:0`), as if that file were at fault, where every other problem with an
option's value is located at the option (`--why-not:0:0`, `--reads:0:0`); and `-k ONE`, for a
case named "one ...", said only that no name contains it. It is now PF805 at `-k:0:0`, with a
did-you-mean giving TEXT as a case name writes it, where one contains it apart from case, or the
nearest name; exit
status 2, nothing on stdout, in text and JSON alike."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import TWO_TINY_CASES, tiny_with_cases


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return tiny_with_cases(tmp_path, TWO_TINY_CASES)


def _problem(rules: Path, select: str, fmt: str) -> str:
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--format", fmt, "-k", select])
    assert result.exit_code == 2 and result.stdout == "", result.output
    [line] = [ln for ln in result.stderr.splitlines() if ": PF" in ln]
    return line


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_k_matching_nothing_is_located_at_the_option(rules: Path, fmt: str):
    assert _problem(rules, "zzzz", fmt).startswith("-k:0:0: PF805: ")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_k_matching_a_name_but_for_case_gets_a_hint(rules: Path, fmt: str):
    line = _problem(rules, "SPECIFIC GOAL", fmt)
    assert line.startswith("-k:0:0: PF805: ") and line.endswith("(did you mean 'specific goal'?)"), line
