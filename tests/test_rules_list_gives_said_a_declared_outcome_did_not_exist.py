"""`pathfit rules list --gives blended` said "the rule set has no outcome ... 'blended'" (PF634),
though policy.yaml declares `blended` and every view shows it: `--gives` looked the name up
among what rules give (evidence outcomes, referrals, `refer`, `not_now`, formats, derived
facts) and took a declared outcome that the policy decides from the evidence for one it does
not have. Such an outcome is refused as a value the option does not take (PF613 at `--gives`),
naming the outcomes rules weigh instead; a name the rule set has nowhere is still PF634.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT


def run(*args: str):
    return CliRunner().invoke(cli, ["rules", "list", "--rules", str(ROOT / "rules"), *args])


@pytest.mark.parametrize("outcome", ["blended", "undetermined"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_declared_outcome_no_rule_gives_is_pf613_not_said_missing(outcome, fmt):
    result = run("--gives", outcome, "--format", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": ")[:2] for line in lines] == [["--gives:0:0", "PF613"]]
    assert f"'{outcome}'" in lines[0] and "has no" not in lines[0]
    assert "'coaching'" in lines[0] and "'mentoring'" in lines[0]  # what to ask for instead
    assert "Traceback" not in result.stderr


def test_it_is_reported_with_every_unknown_name_at_once():
    result = run("--gives", "blended", "--gives", "mentorng", "--reads", "nope")
    assert result.exit_code == 2 and result.stdout == ""
    assert sorted(line.split(": ")[0:2] for line in result.stderr.splitlines()) == \
        [["--gives:0:0", "PF613"], ["--gives:0:0", "PF634"], ["--reads:0:0", "PF634"]]


def test_outcomes_rules_give_are_still_listed():
    for name in ("coaching", "mentoring", "sponsorship", "refer", "not_now"):
        result = run("--gives", name)
        assert result.exit_code == 0 and result.stdout, name
