"""The derivation tree drew a derived fact's derivation in full wherever the fact appeared.
Derived facts that each read two derived facts of the layer below drew 2^n copies of the
bottom layer at n layers: at 14 layers (30 rules) `explain` printed 352,256 lines in 34 s
and 340 MB, and the web page and the HTML report drew the same tree. Now each derivation is
drawn once, where its fact first appears, and named as shown above wherever it appears again;
unfolding those names gives back exactly the whole tree, worked out here from the trace alone."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.how import how, render_how
from pathfit.engine.reports.graph import build, outline

from .derived_layers import layers


def whole_tree(trace: dict, firing: dict) -> tuple:
    """(rule, ((fact, value, the tree below it or None), ...)): a derived fact matched true
    drawn from the first firing that derived it, at every appearance, as the trace holds it."""
    first: dict = {}
    for f in trace["firings"]:
        for name in f.get("derived", []):
            first.setdefault(name, f)

    def tree(f: dict) -> tuple:
        return f["rule"], tuple((m.get("fact"), m.get("value"),
                                 tree(first[m["fact"]]) if m.get("value") is True and m.get("fact") in first else None)
                                for m in f["matched"])
    return tree(firing)


def unfolded(node: dict, drawn: dict) -> tuple:
    """A rule node of the JSON tree with every `shown_above` replaced by the node drawn earlier
    (depth first, as the tree is read) for the same rule."""
    if node.get("shown_above"):
        return drawn[node["rule"]]
    parts = []
    for m in node["from"]:
        below = unfolded(m["derived_by"], drawn) if "derived_by" in m else None
        parts.append((m.get("fact"), m.get("value"), below))
    drawn.setdefault(node["rule"], (node["rule"], tuple(parts)))
    return node["rule"], tuple(parts)


def nodes(node: dict) -> int:
    return 1 + sum(1 + (nodes(m["derived_by"]) if "derived_by" in m else 0) for m in node.get("from", []))


@pytest.fixture(scope="module")
def deep(tmp_path_factory):
    engine = Engine.load(layers(tmp_path_factory.mktemp("layers") / "rules", 12))
    return engine, engine.evaluate({"g": True})


def test_unfolding_the_names_gives_back_the_whole_tree(tmp_path):
    engine = Engine.load(layers(tmp_path / "rules", 5))
    decision = engine.evaluate({"g": True})
    tree = how(engine.ruleset, decision)
    top = next(f for f in decision.trace["firings"] if f["rule"] == "top")
    assert [unfolded(node, {}) for node in tree["because"]] == [whole_tree(decision.trace, top)]


def test_each_derivation_is_drawn_once_and_named_after_it_is_drawn(deep):
    engine, decision = deep
    tree = how(engine.ruleset, decision)
    text = render_how(tree, 400, decision)
    drawn = re.findall(r"(d\.[ab]\d+) \[derives", text)
    # every derivation under `top` (which reads a12, not b12), once each
    assert sorted(drawn) == sorted([f"d.{x}{k}" for k in range(12) for x in "ab"] + ["d.a12"])
    for line_no, line in enumerate(text.splitlines()):
        named = re.search(r"(d\.[ab]\d+)  \(shown above\)", line)
        if named:
            assert f"{named.group(1)} [derives" in "\n".join(text.splitlines()[:line_no])


def test_the_tree_its_text_its_outline_and_its_graph_grow_with_the_firings(deep):
    engine, decision = deep
    firings = decision.trace["firings"]
    bound = sum(1 + len(f["matched"]) for f in firings) * 2  # every firing drawn once, each match a node and a name
    tree = how(engine.ruleset, decision)
    assert nodes(tree["because"][0]) <= bound  # 2^13 and more drawn whole
    assert len(render_how(tree, 400, decision).splitlines()) <= bound + 1
    assert len(outline(tree)) <= bound + 1
    graph_nodes, edges = build(tree)
    # the outcome; top and the 25 rules deriving what it stands on; g and those 25 derived facts
    assert len(graph_nodes) == 1 + 26 + 26
    assert len(edges) == len(set(edges))


def test_the_report_of_a_record_draws_its_outline_once(deep, tmp_path):
    engine, decision = deep
    rules = engine.ruleset.directory
    log = tmp_path / "audit.jsonl"
    runner = CliRunner()
    done = runner.invoke(cli, ["recommend", "--rules", rules, "--fact", "g=true", "--audit-log", str(log)])
    assert done.exit_code == 0, done.output
    page = tmp_path / "report.html"
    done = runner.invoke(cli, ["report", str(log), "--out", str(page)])
    assert done.exit_code == 0, done.output
    bound = sum(1 + len(f["matched"]) for f in decision.trace["firings"]) * 2
    assert page.read_text().count("&lt;- ") <= bound
    done = runner.invoke(cli, ["explain", "--rules", rules, "--fact", "g=true", "--format", "json"])
    assert done.exit_code == 0
    assert nodes(json.loads(done.output)["because"][0]) <= bound
