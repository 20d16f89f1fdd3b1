"""A number in a rule set is its exact value: `2.0` and `2` are the same weight, threshold,
range bound or policy test, so two rule sets that differ only so have one digest (the
digest covers the rule set's meaning, not how it is written) and give the same decisions,
traces included, byte for byte. A number whose value differs still changes the digest, and
the bundled rules (which write no such number) keep theirs."""
from __future__ import annotations

import json
from pathlib import Path

from pathfit.engine import Engine

from .helpers import tiny_copy

PROFILES = [{"goal": "specific", "needs": ["skill"]}, {"goal": "emerging", "hours": 1, "needs": ["network"]},
            {"hours": 12, "needs": ["skill"], "ready": True}]


def _written(tmp_path: Path, name: str, changes: list[tuple[str, str, str]]) -> Path:
    rules = tiny_copy(tmp_path / name)
    for file, old, new in changes:
        text = (rules / file).read_text()
        assert old in text, (file, old)
        (rules / file).write_text(text.replace(old, new))
    return rules


def _seen(rules: Path) -> tuple[str, list[str]]:
    with Engine.load(rules) as engine:
        return engine.ruleset.digest, [json.dumps(engine.evaluate(p).to_dict(), sort_keys=True) for p in PROFILES]


AS_FLOATS = [("rules.yaml", "coaching: 3}", "coaching: 3.0}"), ("rules.yaml", "gte: 4}", "gte: 4.0}"),
             ("schema.yaml", "max: 160", "max: 160.0"), ("policy.yaml", "total_below: 2}", "total_below: 2.00}")]


def test_a_whole_number_written_with_a_point_is_the_same_rule_set(tmp_path: Path):
    plain = _seen(_written(tmp_path, "plain", []))
    assert _seen(_written(tmp_path, "points", AS_FLOATS)) == plain


def test_the_trace_shows_the_exact_value(tmp_path: Path):
    with Engine.load(_written(tmp_path, "points", AS_FLOATS)) as engine:
        trace = engine.evaluate(PROFILES[0]).trace
    weights = [w for e in trace["firings"] for w in (e.get("evidence") or {}).values()]
    assert weights and all(type(w) is int for w in weights), trace["firings"]


def test_another_value_is_another_rule_set(tmp_path: Path):
    plain = _seen(_written(tmp_path, "plain", []))[0]
    assert _seen(_written(tmp_path, "half", [("rules.yaml", "coaching: 3}", "coaching: 3.5}")]))[0] != plain
