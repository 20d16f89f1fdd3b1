"""`pathfit test --format json` gave `min_coverage` as the float nearest the minimum, not the
minimum compared: with `--min-coverage 28.57142857142857142857142857142857142857142` and 2 of 7
rules fired, it printed 28.571428571428573, above 2/7 of 100, beside `"below_minimum": false`,
so a program checking the report found it contradicting itself. The minimum is now printed
as the exact decimal compared (a JSON number still: a reader that reads floats gets the same
float as before), so the report's figures agree exactly."""
from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_with_cases
from .test_ruletest import CASES

ONE_CASE = ("-k", "a specific goal")  # fires 2 of the tiny rule set's 7 rules


@pytest.mark.parametrize("minimum, shown", [
    ("28.57142857142857142857142857142857142857142", "28.57142857142857142857142857142857142857142"),
    ("28.571428571428573", "28.571428571428573"),
    ("28.57142857142857142857142857142857142857143", "28.57142857142857142857142857142857142857143"),
    ("2.8571428571428571e1", "28.571428571428571"),
    ("100", "100.0"),  # a whole number with a point, as before: a float to every reader
    ("0", "0.0"),
])
def test_the_json_minimum_is_the_minimum_compared(tmp_path: Path, minimum: str, shown: str) -> None:
    rules = tiny_with_cases(tmp_path, CASES)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), *ONE_CASE, "--min-coverage", minimum,
                                      "--format", "json"])
    report = json.loads(result.stdout, parse_float=Decimal)
    coverage = report["coverage"]
    assert f'"min_coverage": {shown},' in result.stdout
    assert Decimal(coverage["min_coverage"]) == Decimal(minimum)
    exact = Fraction(coverage["fired"] * 100, coverage["rules"])
    assert coverage["below_minimum"] is (exact < Fraction(Decimal(coverage["min_coverage"])))
    assert result.exit_code == (1 if coverage["below_minimum"] else 0)
    assert json.loads(result.stdout)["coverage"]["min_coverage"] == float(Decimal(minimum))  # a float reader's


def test_no_minimum_is_null(tmp_path: Path) -> None:
    rules = tiny_with_cases(tmp_path, CASES)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--format", "json"])
    assert json.loads(result.stdout)["coverage"]["min_coverage"] is None
