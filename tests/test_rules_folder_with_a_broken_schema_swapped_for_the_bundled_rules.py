"""A ./rules whose schema.yaml cannot be read is refused where it is, never swapped for the
bundled rules.

Regression: the lookup took ./rules only when rules/schema.yaml was a readable plain file. A
schema.yaml that was a dangling link (its target moved or not yet checked out) or a folder made
every command run without --rules or PATHFIT_RULES read the bundled rules instead, with nothing
said, so an author who believed their rules were used got the bundled advice. `--rules rules`
said PF100 at rules/schema.yaml. Now the unasked lookup picks ./rules as soon as it holds an
entry named schema.yaml, and the load reports what it cannot read, as `--rules rules` does.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import TWO_TINY_CASES, tiny_copy, tiny_with_cases


def _break(schema, how: str) -> None:
    schema.unlink()
    if how == "dangling link":
        os.symlink("moved-away.yaml", schema)
    else:
        schema.mkdir()


@pytest.mark.parametrize("how", ["dangling link", "folder"])
@pytest.mark.parametrize("command", [["lint"], ["rules", "list"], ["schema"], ["test"], ["docs"]])
def test_an_unreadable_schema_is_reported_not_replaced(tmp_path, monkeypatch, how, command):
    rules = tiny_copy(tmp_path)
    _break(rules / "schema.yaml", how)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    found = CliRunner().invoke(cli, command)
    asked = CliRunner().invoke(cli, [*command, "--rules", "rules"])
    assert "rules/schema.yaml:0:0: PF100:" in asked.output
    named = found.output.replace("rules: rules/\n", "", 1)  # a set found unasked is named, as always
    assert (found.exit_code, named) == (asked.exit_code, asked.output)
    assert found.exit_code in (1, 2)


@pytest.mark.parametrize("how", ["dangling link", "folder"])
def test_a_rule_set_given_to_test_first_is_not_read_as_test_files(tmp_path, monkeypatch, how):
    """`pathfit test DIR` took DIR for a folder of rule tests when its schema.yaml could not be
    read, and reported its policy and rule files as test files without a `cases` key."""
    rules = tiny_copy(tmp_path)
    _break(rules / "schema.yaml", how)
    rules.rename(tmp_path / "mine")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    first = CliRunner().invoke(cli, ["test", "mine"])
    asked = CliRunner().invoke(cli, ["test", "--rules", "mine"])
    assert "mine/schema.yaml:0:0: PF100:" in asked.output
    assert (first.exit_code, first.output) == (asked.exit_code, asked.output)


def test_a_test_file_of_a_rule_set_with_a_broken_schema_is_not_run_against_the_bundled_rules(tmp_path, monkeypatch):
    """Its cases name that set's facts and rules: run against the bundled set, every case failed."""
    rules = tiny_with_cases(tmp_path, TWO_TINY_CASES)
    _break(rules / "schema.yaml", "dangling link")
    rules.rename(tmp_path / "mine")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    ran = CliRunner().invoke(cli, ["test", "mine/tests/cases.yaml"])
    assert ran.exit_code == 2
    assert ran.output.startswith("mine/tests/cases.yaml:0:0: PF801:") and "--rules mine" in ran.output
