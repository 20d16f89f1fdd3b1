"""Small builders shared by tests: a copy of a fixture rule set plus extra rule files."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parent


def tiny_copy(tmp: Path, extra_rules: list[dict] | None = None, name: str = "extra.yaml") -> Path:
    """tests/fixtures/tiny copied to tmp/rules, with `extra_rules` written as one more file."""
    rules = tmp / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    if extra_rules:
        (rules / name).write_text(yaml.safe_dump({"rules": extra_rules}, sort_keys=False))
    return rules


def bundled_copy(tmp: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp / "rules")
    shutil.copy(ROOT / "knowledge_base.md", tmp / "knowledge_base.md")
    return tmp / "rules"


def simple_rule(rule_id: str, when: dict, evidence: str = "coaching") -> dict:
    return {"id": rule_id, "reason": "r", "cites": ["focus"], "when": when, "then": {"evidence": {evidence: 1}}}
