"""`pathfit test` on a rule set with no rules printed "Coverage: 0 of 0 rules fired (100%)", and
its JSON `"percent": 100.0`: no share of no rules is 100%, or any figure. The line now says the
count and why there is no percentage, the JSON's `percent` is null (as its schema says it may
be), and `--min-coverage` is met, as no rule goes unfired (docs/authoring.md)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine.output_schemas import load

from .helpers import tiny_copy

CASES = "cases:\n  - name: nobody is decided\n    profile: {goal: specific}\n    expect: {outcome: undetermined}\n"


@pytest.fixture
def no_rules(tmp_path):
    rules = tiny_copy(tmp_path)
    (rules / "rules.yaml").write_text("rules: []\n")
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(CASES)
    return rules


@pytest.mark.parametrize("minimum", [[], ["--min-coverage", "100"]])
def test_no_rules_is_no_percentage_in_text(no_rules, minimum):
    result = CliRunner().invoke(cli, ["test", str(no_rules), *minimum])
    assert result.exit_code == 0, result.output
    coverage = [line for line in result.stdout.splitlines() if line.startswith("Coverage")]
    assert coverage == ["Coverage: 0 of 0 rules fired (no rules: no percentage)"], result.stdout
    assert "%" not in result.stdout and "PF811" not in result.stdout


def test_no_rules_is_a_null_percent_in_json(no_rules):
    result = CliRunner().invoke(cli, ["test", str(no_rules), "--format", "json", "--min-coverage", "100"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    Draft202012Validator(load("test-report")).validate(data)
    assert {k: data["coverage"][k] for k in ("rules", "fired", "percent", "below_minimum")} == {
        "rules": 0, "fired": 0, "percent": None, "below_minimum": False}
