"""A rule test file is YAML read as YAML 1.1, as rule files are: `derived: {structured: yes}`
is read as true and `ready: no` as false, while the author's editor (YAML 1.2) reads text.
Lint warns about such a token in a rule file (PF711), but a test file got no word of it;
`pathfit test` now gives it the same check, as warnings that change no exit status, in text
and in JSON (`warnings`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

SURPRISING = """\
cases:
  - name: structure
    profile: {goal: specific, needs: [skill], ready: yes}
    expect:
      outcome: coaching
      derived: {structured: yes}
"""
PLAIN = SURPRISING.replace("ready: yes", "ready: true").replace("structured: yes", "structured: true")


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    directory = tiny_copy(tmp_path)
    (directory / "tests").mkdir()
    return directory


def _run(rules: Path, *args: str):
    return CliRunner().invoke(cli, ["test", "--rules", str(rules), *args], catch_exceptions=False)


def test_yes_in_a_test_file_is_warned_about_where_it_is_written(rules):
    (rules / "tests" / "cases.yaml").write_text(SURPRISING)
    result = _run(rules)
    assert result.exit_code == 0, result.output
    file = rules / "tests" / "cases.yaml"
    warned = [line.split(": ", 2)[:2] for line in result.stdout.splitlines() if ": PF711: " in line]
    assert warned == [[f"{file}:3:54", "PF711"], [f"{file}:6:29", "PF711"]]
    assert f"{file}:6:29: PF711: warning: 'yes' is read as true (YAML 1.1)" in result.stdout
    data = json.loads(_run(rules, "--format", "json").stdout)
    assert [(w["code"], w["line"], w["col"], w["severity"]) for w in data["warnings"]] == \
        [("PF711", 3, 54, "warning"), ("PF711", 6, 29, "warning")]


def test_a_test_file_without_surprises_gets_no_warning(rules):
    (rules / "tests" / "cases.yaml").write_text(PLAIN)
    result = _run(rules)
    assert result.exit_code == 0 and "PF711" not in result.stdout
    assert json.loads(_run(rules, "--format", "json").stdout)["warnings"] == []
