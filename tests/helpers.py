"""Small builders shared by tests: a copy of a fixture rule set plus extra rule files."""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

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


@contextmanager
def synthetic_engine(tmp_path_factory, n_rules: int, seed: int) -> Iterator:
    """An Engine on a generated layered rule base (tools/synth.py), closed afterwards:
    for module-scoped fixtures."""
    from pathfit.engine import Engine
    from tools import synth

    where = tmp_path_factory.mktemp(f"synth{n_rules}") / "rules"
    synth.write_rule_base(where, n_rules, seed=seed)
    with Engine.load(where) as engine:
        yield engine
