"""`pathfit test --min-coverage N` compares the coverage with N as the exact decimal
written, never through a float: 2 of 7 rules is 28.571428...%, so any minimum written
above that fraction, however close, fails (PF811, exit 1), and any below it passes."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_with_cases
from .test_ruletest import CASES

ONE_CASE = ("-k", "a specific goal")  # fires 2 of the tiny rule set's 7 rules


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return tiny_with_cases(tmp_path, CASES)


@pytest.mark.parametrize("minimum, below", [
    ("28.571428571428573", True),  # the float nearest 200/7 reads as this, yet it is above 2/7
    ("28.57142857142857142857142857142857142857143", True),
    ("28.57142857142857142857142857142857142857142", False),
    ("28.5714285", False),
    ("2.8571428571428573e1", True),
])
def test_the_minimum_is_compared_exactly(rules: Path, minimum: str, below: bool) -> None:
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), *ONE_CASE, "--min-coverage", minimum])
    assert result.exit_code == (1 if below else 0), result.output
    if below:
        shown = minimum if "e" not in minimum else "28.571428571428573"
        assert f"{rules}:0:0: PF811: rule coverage 28.5% (2 of 7 rules) is below the minimum {shown}% " \
               "(the selected cases only)" in result.stdout


@pytest.mark.parametrize("minimum", ["nan", "inf", "-inf", "100.5", "-1", "1/3", "0x10", ""])
def test_what_is_no_minimum_is_refused(rules: Path, minimum: str) -> None:
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--min-coverage", minimum])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"must be a number from 0 to 100, not {minimum}" in result.stderr
