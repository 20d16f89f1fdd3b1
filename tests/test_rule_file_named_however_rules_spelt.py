"""`docs` and `rules show` name a rule's file by the rule set's directory and the file in it
(`my-rules/rules.yaml:3`) however `--rules` or $PATHFIT_RULES spells that directory. The last
two parts of the path as typed were shown, so `.` from inside gave `rules.yaml:3` and `..` from
its tests folder `../rules.yaml:3`: the same rule set gave different bytes. The directory's
real name is taken (a symbolic link to it is followed), as docs' knowledge-base links are."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE


@pytest.fixture
def rule_set(tmp_path: Path) -> Path:
    rules = tmp_path / "my-rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    (rules / "tests").mkdir(exist_ok=True)
    os.symlink(rules, tmp_path / "current")
    return rules


# (directory to run in, relative to the rule set's parent; --rules as typed)
SPELLINGS = [(".", "my-rules"), (".", "my-rules/"), ("my-rules", "."), ("my-rules", "./"),
             ("my-rules/tests", ".."), ("my-rules/tests", "../../my-rules"), (".", "current"), (".", "ABSOLUTE")]


def _spelt(rule_set: Path, where: str, rules: str) -> tuple[Path, str]:
    return rule_set.parent / where, str(rule_set) if rules == "ABSOLUTE" else rules


@pytest.mark.parametrize("where,rules", SPELLINGS)
def test_rules_show_names_the_file_alike_however_the_rules_are_spelt(rule_set, monkeypatch, where, rules):
    cwd, rules = _spelt(rule_set, where, rules)
    monkeypatch.chdir(cwd)
    shown = CliRunner().invoke(cli, ["rules", "show", "e.coach", "--rules", rules])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[0] == "e.coach  (my-rules/rules.yaml:12)"
    monkeypatch.setenv("PATHFIT_RULES", rules)
    by_env = CliRunner().invoke(cli, ["rules", "show", "e.coach"])
    assert by_env.stdout.splitlines()[0] == "e.coach  (my-rules/rules.yaml:12)"


@pytest.mark.parametrize("where,rules", SPELLINGS)
def test_docs_gives_the_same_bytes_however_the_rules_are_spelt(rule_set, monkeypatch, where, rules):
    out = rule_set.parent / "catalogue.md"
    monkeypatch.chdir(rule_set.parent)
    assert CliRunner().invoke(cli, ["docs", "--rules", "my-rules", "--out", str(out)]).exit_code == 0
    expected = out.read_bytes()
    assert b"- **Defined in** `my-rules/rules.yaml:12`\n" in expected
    out.unlink()
    cwd, rules = _spelt(rule_set, where, rules)
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(cli, ["docs", "--rules", rules, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == expected
