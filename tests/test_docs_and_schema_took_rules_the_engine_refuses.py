"""`pathfit docs` and `pathfit schema` read a rule set as validation does but never compiled it,
so a rule set the engine refuses at load (a condition that expands past 64 alternatives, PF215;
a durable-rules capacity limit, PF301-PF305) had its catalogue and schemas written, exit status
0, where docs/authoring.md says a rule set that does not load is refused (every problem, exit
status 2, nothing written) and `lint`, `test` and `recommend` refuse it. Both now refuse it with
the engine's code and position; the fixed schemas, which read no rule set, are unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

BIG = """rules:
  - id: x.big
    reason: r
    cites: [focus]
    when:
      all:
        - {any: [{fact: hours, gte: 1}, {fact: needs, contains: skill}]}
        - {any: [{fact: hours, gte: 2}, {fact: needs, contains: network}]}
        - {any: [{fact: hours, gte: 3}, {fact: needs, contains: basics}]}
        - {any: [{fact: hours, gte: 5}, {fact: ready, equals: true}]}
        - {any: [{fact: hours, gte: 6}, {fact: secret, equals: true}]}
        - {any: [{fact: hours, gte: 7}, {fact: goal, equals: specific}]}
        - {any: [{fact: hours, lte: 150}, {fact: goal, equals: emerging}]}
    then: {evidence: {coaching: 1}}
"""


@pytest.fixture
def refused(tmp_path: Path) -> Path:
    rules = tiny_copy(tmp_path)
    (rules / "big.yaml").write_text(BIG)
    return rules


def _run(*args) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _first_problem(result) -> str:
    return next(line for line in result.stderr.splitlines() if ": PF" in line)


@pytest.mark.parametrize("command", [
    lambda rules, tmp: ["recommend", "--rules", rules, "--fact", "ready=true"],  # the engine's own refusal
    lambda rules, tmp: ["docs", "--rules", rules, "--out", tmp / "catalogue.md"],
    lambda rules, tmp: ["docs", "--rules", rules],
    lambda rules, tmp: ["schema", "--rules", rules, "--out", tmp / "schemas"],
    lambda rules, tmp: ["schema", "--rules", rules, "--kind", "profile"],
], ids=["recommend", "docs --out", "docs", "schema --out", "schema --kind profile"])
def test_a_rule_set_the_engine_refuses_is_refused_with_its_code_and_place(refused: Path, tmp_path: Path, command):
    result = _run(*command(refused, tmp_path))
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert _first_problem(result).startswith(f"{refused / 'big.yaml'}:2:5: PF215: "), result.stderr
    assert not (tmp_path / "catalogue.md").exists() and not (tmp_path / "schemas").exists()


def test_a_fixed_schema_reads_no_rule_set_and_is_still_written(refused: Path):
    result = _run("schema", "--rules", refused, "--kind", "policy")
    assert result.exit_code == 0 and result.stdout.startswith("{"), result.output
