"""The catalogue's Mermaid graph gives every fact, rule and outcome its own node id:
rules `a.b_c` and `a_b.c`, a valued fact `pace=fast` and a fact `pace_fast`, or an
evidence outcome named like a format's node, are never drawn as one node."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from pathfit.engine.authoring.catalogue import render
from pathfit.engine.authoring.catalogue_graph import node_id
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import HERE


def test_node_ids_are_one_to_one():
    names = ["a.b_c", "a_b.c", "a_.b", "a._b", "pace=fast", "pace_fast", "pace.fast", "x_d", "x.", "x_e", "x="]
    ids = [node_id("r", n) for n in names]
    assert len(set(ids)) == len(names)
    assert all(re.fullmatch(r"r_[A-Za-z0-9_]+", i) for i in ids)


def test_distinct_rules_and_facts_are_distinct_nodes(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "valued", rules)
    schema = yaml.safe_load((rules / "schema.yaml").read_text())
    schema["derived"]["pace_fast"] = {"description": "a boolean fact"}
    (rules / "schema.yaml").write_text(yaml.safe_dump(schema, sort_keys=False))
    extra = [
        {"id": "a.b_c", "reason": "r", "cites": ["focus"], "when": {"fact": "ready", "equals": True},
         "then": {"evidence": {"coaching": 1}}},
        {"id": "a_b.c", "reason": "r", "cites": ["focus"], "when": {"fact": "ready", "equals": False},
         "then": {"evidence": {"mentoring": 1}}},
        {"id": "pf.x", "reason": "r", "cites": ["focus"], "when": {"fact": "goal", "equals": "undefined"},
         "then": {"derive": ["pace_fast"]}},
        {"id": "pf.y", "reason": "r", "cites": ["focus"], "when": {"fact": "pace_fast", "equals": True},
         "then": {"evidence": {"mentoring": 1}}},
    ]
    (rules / "extra.yaml").write_text(yaml.safe_dump({"rules": extra}, sort_keys=False))
    rs = read_ruleset(rules)
    graph = render(rs, "kb.md").split("```mermaid\n", 1)[1].split("```", 1)[0]
    nodes = re.findall(r"^  ([a-z]+_[A-Za-z0-9_]*)(?:\[\"|\(\[\"|\{\{\"|\(\(\")([^\"]+)\"", graph, re.M)
    labels: dict[str, set] = {}
    for node, label in nodes:
        labels.setdefault(node, set()).add(label)
    assert all(len(v) == 1 for v in labels.values()), {k: v for k, v in labels.items() if len(v) > 1}
    rule_nodes = [label for node, label in nodes if node.startswith("r_")]
    assert sorted(rule_nodes) == sorted(r.id for r in rs.rules)
    derived = sorted(label for node, label in nodes if node.startswith("d_"))
    assert "pace=fast" in derived and "pace_fast" in derived and len(derived) == len(set(derived))
