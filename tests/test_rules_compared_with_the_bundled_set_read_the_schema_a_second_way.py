"""Whether a ./rules found unasked is the bundled rule set (then stderr names nothing) was asked
of the schema's knowledge base by a reader of its own: schema.yaml parsed again with PyYAML's
pure-Python `yaml.safe_load` (about 50 ms for the bundled schema, on every command run in a
checkout) and `knowledge_base` and its default read by a second copy of the loader's rule. The
loader now owns the rule (engine/pipeline/kb_name.py) and the schema is read as the loader reads
it, with libyaml."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from pathfit.cli.same_rules import same_rule_files
from pathfit.engine.pipeline.bundled import bundled_rules_dir

from .helpers import ROOT


def _checkout(where: Path) -> Path:
    shutil.copytree(bundled_rules_dir(), where / "rules")
    shutil.copy(ROOT / "knowledge_base.md", where / "knowledge_base.md")
    return where / "rules"


def _no_second_parser(*args, **kwargs):
    raise AssertionError("schema.yaml parsed by a reader other than the loader's")


def test_the_comparison_reads_the_schema_as_the_loader_does(tmp_path, monkeypatch):
    rules = _checkout(tmp_path)
    monkeypatch.setattr(yaml, "safe_load", _no_second_parser)
    monkeypatch.setattr(yaml, "load", _no_second_parser)
    assert same_rule_files(str(rules), bundled_rules_dir())


def test_a_knowledge_base_the_loader_refuses_is_no_bundled_set(tmp_path):
    rules = _checkout(tmp_path)
    schema = rules / "schema.yaml"
    text = schema.read_text(encoding="utf-8")
    assert "knowledge_base: ../knowledge_base.md\n" in text
    schema.write_text(text.replace("knowledge_base: ../knowledge_base.md\n", "knowledge_base: ' '\n"), encoding="utf-8")
    assert not same_rule_files(str(rules), str(rules))  # PF204: the loader reads no knowledge base
