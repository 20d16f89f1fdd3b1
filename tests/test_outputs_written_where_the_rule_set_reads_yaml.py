"""Regression: an output named `*.yaml` in the rule set's directory (or its tests/ folder) was
written there, and read next time as a rule file (or rule test), so every command after it
refused the rule set: `batch --out RULES/results.yaml` wrote CSV results that the next
`recommend` stopped at (PF102), and `interview --save RULES/answers.yaml` wrote a profile the
loader took for rules. Every output of a command that loads the rule set is now refused there,
at its path, before anything is read or asked, with the code that output's other refusals
carry (PF618 for --out and --save, PF617 for --record and --audit-log); nothing is written.
Other names (`*.csv`, `*.yml`, a sub-folder other than tests/) are written as before."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

CASES = [
    ("batch", "--out", "results.yaml", "PF618"),
    ("batch", "--audit-log", "log.yaml", "PF617"),
    ("recommend", "--record", "record.yaml", "PF617"),
    ("recommend", "--audit-log", "tests/log.yaml", "PF617"),
    ("interview", "--save", "answers.yaml", "PF618"),
    ("interview", "--save", "tests/answers.yaml", "PF618"),
    ("interview", "--record", "record.yaml", "PF617"),
    ("docs", "--out", "tests/catalogue.yaml", "PF618"),
]


def _command(tmp_path: Path, rules: str, command: str, option: str, target: str) -> list[str]:
    (tmp_path / "in.jsonl").write_text("")
    (tmp_path / "person.yaml").write_text("{}\n")
    args = {"batch": [str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out.jsonl")],
            "recommend": ["--profile", str(tmp_path / "person.yaml")],
            "interview": [], "docs": []}[command]
    if option == "--out":
        args = [a for a in args if a not in ("--out", str(tmp_path / "out.jsonl"))]
    return [command, "--rules", rules, *args, option, target]


@pytest.mark.parametrize("command,option,name,code", CASES)
def test_an_output_the_rule_set_would_read_as_yaml_is_refused(tmp_path, monkeypatch, command, option, name, code):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(_key(tmp_path)))
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    before = sorted(p.relative_to(rules) for p in rules.rglob("*"))
    target = rules / name
    result = CliRunner().invoke(cli, _command(tmp_path, str(rules), command, option, str(target)), input="")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{target}:0:0: {code}: "), result.stderr
    assert sorted(p.relative_to(rules) for p in rules.rglob("*")) == before


def test_the_rule_folder_is_known_however_it_is_reached(tmp_path, monkeypatch):
    rules = tiny_copy(tmp_path)
    os.symlink(rules, tmp_path / "linked")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, _command(tmp_path, "./rules/", "batch", "--out", "linked/results.yaml"))
    assert result.exit_code == 2 and result.stderr.startswith("linked/results.yaml:0:0: PF618: "), result.stderr
    assert not (rules / "results.yaml").exists()


@pytest.mark.parametrize("name", ["results.csv", "results.yml", "notes/results.yaml"])
def test_other_names_beside_the_rules_are_written(tmp_path, name):
    rules = tiny_copy(tmp_path)
    (rules / "notes").mkdir()
    result = CliRunner().invoke(cli, _command(tmp_path, str(rules), "batch", "--out", str(rules / name)))
    assert result.exit_code == 0, result.output
    assert (rules / name).exists()


def _key(tmp_path: Path) -> Path:
    from .audit_support import make_key

    return make_key(tmp_path)
