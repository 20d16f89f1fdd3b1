"""`--fact NAME=VALUE` given three times for one name with values that differ gave one PF613 per
later value, each naming the first and that one ("as 'specific' and 'emerging'", then "as
'specific' and 'undefined'"), so no line named what was typed. Now it is one PF613 for the name,
naming every value given for it, as typed, in order, as an option given twice is named (a set's
items given before the clash, which add up, as one value, as before)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")


@pytest.mark.parametrize("command", ["recommend", "explain"])
@pytest.mark.parametrize("given,said", [
    (["goal_clarity=specific", "goal_clarity=emerging", "goal_clarity=undefined"],
     "given 3 times, as 'specific', 'emerging' and 'undefined'"),
    (["goal_clarity=specific", "goal_clarity=emerging", "goal_clarity=specific"],
     "given 3 times, as 'specific', 'emerging' and 'specific'"),
    (["goal_clarity=specific", "goal_clarity=specific", "goal_clarity=emerging"],
     "given 3 times, as 'specific', 'specific' and 'emerging'"),
    (["needs=skill", "needs=unknown", "needs=network"], "given 3 times, as 'skill', 'unknown' and 'network'"),
])
def test_every_value_of_one_fact_is_named_in_one_problem(command: str, given: list, said: str):
    args = [command, "--profile", EXAMPLE]
    for item in given:
        args += ["--fact", item]
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2
    name = given[0].partition("=")[0]
    assert out.stderr == f"--fact:0:0: PF613: --fact {name} {said}; give one\n"


def test_two_names_each_given_twice_are_two_problems():
    out = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=specific", "--fact", "needs=skill",
                                   "--fact", "goal_clarity=emerging", "--fact", "needs=unknown"])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "--fact:0:0: PF613: --fact goal_clarity given twice, as 'specific' and 'emerging'; give one",
        "--fact:0:0: PF613: --fact needs given twice, as 'skill' and 'unknown'; give one"]
