"""An option's fixed value typed with a near miss (`--format jsno`, `schema --kind decison`) was
PF600 with click's list of choices but no did-you-mean, where an unknown option, a fact, an
outcome or a rule id each gets one ("with a did-you-mean where one fits", README, "Bad input").
It now has the hint, at the same code and place; a value near no choice has none, and the exit
status is 2 with nothing on stdout either way."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("args,where,meant", [
    (["recommend", "--fact", "goal_clarity=specific", "--format", "jsno"], "--format", "json"),
    (["recommend", "--fact", "goal_clarity=specific", "--format", "markdwn"], "--format", "markdown"),
    (["schema", "--kind", "decison"], "--kind", "decision"),
    (["lint", "--format", "txt"], "--format", "text"),
])
def test_a_near_miss_of_an_options_choice_gets_a_hint(args, where, meant):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and result.stdout == "", result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{where}:0:0: PF600: "), result.stderr
    assert first.endswith(f"(did you mean '{meant}'?)"), first


def test_a_value_near_no_choice_gets_no_hint():
    result = CliRunner().invoke(cli, ["recommend", "--format", "xml"])
    assert result.exit_code == 2 and result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("--format:0:0: PF600: ") and "did you mean" not in first
