"""`pathfit docs --out RULES/catalogue.yaml` wrote the Markdown catalogue into the rule set's own
directory under a name the loader reads as a rule file (`*.yaml`), so every command after it
refused the rule set (PF102, the catalogue not being YAML); `RULES/tests/x.yaml` made the same
file a broken rule test. `--out` was checked against the rule set's existing files only. Such a
target is now refused like them: PF618 at the path, exit status 2, nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


@pytest.mark.parametrize("where", ["catalogue.yaml", "tests/catalogue.yaml"])
def test_an_output_the_rule_set_would_read_is_refused(tmp_path: Path, where: str):
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    target = rules / where
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{target}:0:0: PF618: ")
    assert not target.exists()
    assert CliRunner().invoke(cli, ["lint", "--rules", str(rules)]).exit_code == 0


@pytest.mark.parametrize("where", ["catalogue.md", "catalogue.yml", "notes/catalogue.yaml"])
def test_other_names_beside_the_rules_are_written(tmp_path: Path, where: str):
    rules = tiny_copy(tmp_path)
    (rules / "notes").mkdir()
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(rules / where)])
    assert result.exit_code == 0, result.output
    assert (rules / where).read_text().startswith("# Rules of ")
