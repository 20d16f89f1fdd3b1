"""A ./rules whose YAML files are byte for byte the installed copy's was taken for the bundled
rule set, and not named on stderr, though the knowledge base its schema names had been edited:
the advice cited the edited section titles under another rule-set digest, with nothing to say
that the rules read were not the bundled ones."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.bundled import bundled_rules_dir

from .helpers import ROOT


def _checkout(where: Path) -> Path:
    shutil.copytree(bundled_rules_dir(), where / "rules")
    shutil.copy(ROOT / "knowledge_base.md", where / "knowledge_base.md")
    return where


def _recommend():
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["recommend", "--fact", "needs=performance"])


def test_an_edited_knowledge_base_beside_dot_rules_is_announced(tmp_path, monkeypatch):
    monkeypatch.chdir(_checkout(tmp_path))
    assert _recommend().stderr == ""
    kb = tmp_path / "knowledge_base.md"
    kb.write_text(kb.read_text(encoding="utf-8").replace('### Focus <a id="focus">', '### Edited focus <a id="focus">'),
                  encoding="utf-8")
    edited = _recommend()
    assert edited.exit_code == 0, edited.output
    assert edited.stderr.startswith("rules: rules/ ("), edited.stderr
    lint = CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["lint"])
    assert "rules: rules/\n" in lint.stderr, lint.output


def test_a_knowledge_base_edited_back_is_the_bundled_set_again(tmp_path, monkeypatch):
    monkeypatch.chdir(_checkout(tmp_path))
    kb = tmp_path / "knowledge_base.md"
    text = kb.read_text(encoding="utf-8")
    kb.write_text(text + "\n", encoding="utf-8")
    assert _recommend().stderr.startswith("rules: rules/ (")
    kb.write_text(text, encoding="utf-8")
    assert _recommend().stderr == ""
