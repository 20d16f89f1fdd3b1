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

from .helpers import tiny_copy


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
