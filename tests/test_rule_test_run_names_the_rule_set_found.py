"""`pathfit test` names on stderr the rule set it found through ./rules or $PATHFIT_RULES
(name and short digest), as every command's text output does (docs/authoring.md), and says
nothing when the set was named (`--rules`, `test DIR`) or in JSON."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import ROOT


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch) -> Path:
    """A checkout-shaped rule project whose rules/ differ from the bundled set by one reason."""
    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    shutil.copy(ROOT / "knowledge_base.md", tmp_path / "knowledge_base.md")
    text = rules / "coaching.yaml"
    text.write_text(text.read_text(encoding="utf-8").replace("reason: ", "reason: Edited. ", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return rules


def _test(*args: str, env: dict | None = None):
    return CliRunner(env={"PATHFIT_RULES": None, **(env or {})}).invoke(cli, ["test", *args])


def test_a_rule_set_found_as_dot_rules_is_named_on_stderr(checkout: Path) -> None:
    digest = read_ruleset(checkout).digest
    result = _test()
    assert result.exit_code == 0, result.output
    assert result.stderr == f"rules: rules/ (pathfit-default {digest[:12]})\n"
    assert "rules:" not in result.stdout


def test_a_rule_set_found_through_pathfit_rules_is_named_on_stderr(checkout: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.move(str(checkout), other / "rules")
    shutil.move(str(tmp_path / "knowledge_base.md"), other / "knowledge_base.md")
    digest = read_ruleset(other / "rules").digest
    result = _test(env={"PATHFIT_RULES": "other/rules"})
    assert result.exit_code == 0, result.output
    assert result.stderr == f"rules: other/rules/ (pathfit-default {digest[:12]})\n"


def test_a_named_rule_set_and_json_output_add_nothing_to_stderr(checkout: Path) -> None:
    for args in (["--rules", "rules"], ["rules"], ["--format", "json"]):
        result = _test(*args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stderr == "", (args, result.stderr)
