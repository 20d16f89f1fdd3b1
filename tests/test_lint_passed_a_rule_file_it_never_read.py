"""A rule file saved as `extra.yml` (or `Extra.YAML`) is no rule file: pathfit reads only
`*.yaml`, so its rules were left out of every decision, and `pathfit lint --strict` said
"0 errors, 0 warnings" (exit status 0), as it did for a rule test file `tests/cases.yml`
that `pathfit test` never runs. Lint now warns of each such file (PF718, at the file, 0:0),
so `--strict` fails; a hidden file (`.gitlab-ci.yml`, a tool's own) and files with other
endings are not named."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"  # lints clean


def _copy(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(BASE, rules)
    return rules

RULE = """rules:
  - id: extra.one
    reason: r
    cites: [focus]
    when: {fact: goal, equals: emerging}
    then: {evidence: {mentoring: 1}}
"""
CASES = "cases:\n  - name: a\n    profile: {}\n    expect: {outcome: undetermined}\n"


def _found(rules: Path) -> list[tuple]:
    return [(p.code, p.severity, Path(p.pos.file).relative_to(rules).as_posix(), p.pos.line, p.pos.col)
            for p in lint(rules).problems]


def test_a_rule_file_not_named_yaml_is_pf718(tmp_path: Path) -> None:
    rules = _copy(tmp_path)
    assert _found(rules) == []
    (rules / "extra.yml").write_text(RULE)
    (rules / "More.YAML").write_text(RULE.replace("extra.one", "extra.two"))
    assert _found(rules) == [("PF718", "warning", "More.YAML", 0, 0), ("PF718", "warning", "extra.yml", 0, 0)]
    result = CliRunner().invoke(cli, ["lint", "--strict", str(rules)])
    assert result.exit_code == 1, result.output
    assert [line.split(": ", 2)[:2] for line in result.stdout.splitlines()] == \
        [[f"{rules}/More.YAML:0:0", "PF718"], [f"{rules}/extra.yml:0:0", "PF718"]]
    data = json.loads(CliRunner().invoke(cli, ["lint", "--format", "json", str(rules)]).stdout)
    assert [(p["code"], p["severity"]) for p in data["problems"]] == [("PF718", "warning")] * 2


def test_a_rule_test_file_not_named_yaml_is_pf718(tmp_path: Path) -> None:
    rules = _copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(CASES)
    (rules / "tests" / "more.yml").write_text(CASES)
    assert _found(rules) == [("PF718", "warning", "tests/more.yml", 0, 0)]


def test_hidden_files_and_other_endings_are_not_named(tmp_path: Path) -> None:
    rules = _copy(tmp_path)
    (rules / ".gitlab-ci.yml").write_text("stages: []\n")
    (rules / "notes.txt").write_text("words\n")
    (rules / "old.yaml.bak").write_text(RULE)
    (rules / "tests").mkdir()
    (rules / "tests" / ".hidden.yml").write_text(CASES)
    (rules / "a.yml").mkdir()  # a folder is no file pathfit could have read
    assert _found(rules) == []


def test_the_bundled_rules_have_none(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).parent.parent / "rules", rules)
    assert [p for p in lint(rules).problems if p.code == "PF718"] == []
