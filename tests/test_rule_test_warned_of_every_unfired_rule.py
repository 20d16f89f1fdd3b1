"""`pathfit test` printed a PF812 warning, with its reasons, for every rule no case fired: on a
generated rule set of thousands of rules with a handful of cases, thousands of warnings,
where every other command prints the first PATHFIT_MAX_ERRORS problems and sums up the rest.
Now it does the same; PATHFIT_MAX_ERRORS=0 and -v print every one. Which rules are unfired is
taken from the JSON report, which lists every rule's coverage."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from tools import synth

WARNING = re.compile(r"^\S+:\d+:\d+: PF812: warning: rule '([^']+)' was fired by no case$")


@pytest.fixture(scope="module")
def rule_set(tmp_path_factory):
    rules = tmp_path_factory.mktemp("many")
    synth.write_rule_base(rules, 60, seed=11)
    (rules / "tests").mkdir(exist_ok=True)
    (rules / "tests" / "one.yaml").write_text("cases:\n  - name: nothing known\n    profile: {}\n"
                                             "    expect: {outcome: undetermined}\n", encoding="utf-8")
    return rules


def _run(rules, *args, env=None):
    return CliRunner().invoke(cli, ["test", str(rules), *args], env=env or {})


def _unfired(rules) -> list[str]:
    report = json.loads(_run(rules, "--format", "json").output)
    return [c["rule"] for c in report["coverage"]["per_rule"] if not c["fired_by"]]


def test_the_first_twenty_unfired_rules_are_warned_of_then_the_rest_counted(rule_set):
    unfired = _unfired(rule_set)
    assert len(unfired) > 20
    out = _run(rule_set, env={"PATHFIT_MAX_ERRORS": None}).output.splitlines()
    warned = [m.group(1) for m in map(WARNING.match, out) if m]
    assert len(warned) == 20 and set(warned) <= set(unfired)
    rest = len(unfired) - 20
    assert (f"... and {rest} more problems not shown (PF812 {rest}); PATHFIT_MAX_ERRORS=0 shows every one, "
            "as does -v") in out


@pytest.mark.parametrize("how", [("PATHFIT_MAX_ERRORS", "0"), ("-v", None)])
def test_every_unfired_rule_is_warned_of_when_asked(rule_set, how):
    name, value = how
    result = _run(rule_set, env={name: value}) if value is not None else _run(rule_set, name)
    warned = [m.group(1) for m in map(WARNING.match, result.output.splitlines()) if m]
    assert sorted(warned) == sorted(_unfired(rule_set))
    assert "more problems not shown" not in result.output
