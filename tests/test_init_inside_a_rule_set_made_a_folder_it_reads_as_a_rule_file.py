"""`pathfit init p/sub.yaml` (or `p/tests/t.yaml`) inside a rule set `p` made a folder named as
`p` reads a rule file (or a rule test), and every command then refused `p` (PF100: not a plain
file but a directory). It is now refused before anything is made, PF618 at DIRECTORY, as
`schema --out` refuses such a folder; a folder `p` does not read (`p/sub`) is made as before."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.fixture
def rule_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["init", "p"]).exit_code == 0
    return tmp_path / "p"


@pytest.mark.parametrize("target, read_as", [("p/sub.yaml", "a rule file"), ("p/tests/t.yaml", "a rule test")])
def test_a_folder_the_rule_set_would_read_is_refused_and_nothing_made(rule_set, target, read_as):
    before = sorted(p.name for p in rule_set.rglob("*"))
    result = CliRunner().invoke(cli, ["init", target])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{target}:0:0: PF618: ") and read_as in result.stderr
    assert sorted(p.name for p in rule_set.rglob("*")) == before
    assert CliRunner().invoke(cli, ["lint", "--rules", "p"]).exit_code == 0


def test_a_folder_the_rule_set_does_not_read_is_made(rule_set):
    assert CliRunner().invoke(cli, ["init", "p/sub"]).exit_code == 0
    assert CliRunner().invoke(cli, ["lint", "--rules", "p"]).exit_code == 0
