"""The derivation of a recorded decision as a layered graph, drawn as inline SVG.

The tree comes from engine.explain.how.how(), run over the record itself (its
trace, and the reasons and citations it carries), never over today's rules.
Nodes that appear in several branches (a fact two rules matched) are drawn
once. Each node sits on the layer of its longest path from the outcome, so
every arrow points up, from what supports a conclusion to the conclusion; within
a layer nodes are ordered by the mean position of their parents (two sweeps of
the barycentre heuristic), which removes most crossings on trees this size.
A layer wider than the page (MAX_WIDTH) wraps onto rows of its own, in the same
order, below the layer above, so the graph grows down, never wider than the page.

Everything written into the SVG is escaped: rule text is untrusted input.
"""
from __future__ import annotations

import json
from html import escape
from types import SimpleNamespace
from typing import NamedTuple

from ..audit.recorded_figures import record_open
from ..pipeline.figures import confidence_phrase
from ..audit.masking import is_masked
from .author_text import lang_attrs
from .numbers import signed_text

CHAR_W, NODE_H, LAYER_GAP, NODE_GAP, PAD, MAX_CHARS = 7.3, 40, 70, 22, 16, 44
# The report's column is 70rem (1,120 px) less the graph box's padding: a graph no wider
# fits it, so the page fits a 1,200 px screen or a printed page without scrolling sideways.
MAX_WIDTH = 1100


class Node(NamedTuple):
    id: str
    kind: str  # outcome | rule | input | derived | refuted
    label: str
    sub: str
    tip: str


def tree_from_record(record: dict) -> dict:
    """derivation.how() over a record, through a stand-in for the rule set and decision."""
    from ..explain.how import how

    inputs = set(record["schema"].get("inputs", []))

    class Facts(dict):
        def __missing__(self, name):
            return SimpleNamespace(kind="input" if name in inputs or name not in derived else "derived")

    derived = set(record["schema"].get("derived", []))
    rules = record["rules"]
    rs = SimpleNamespace(facts=Facts(), rule=lambda rid: SimpleNamespace(
        id=rid, reason=rules.get(rid, {}).get("reason", ""),
        cites=[c.get("anchor", "") for c in rules.get(rid, {}).get("cites", [])]))
    d = record["decision"]
    decision = SimpleNamespace(trace=d["trace"], outcome=d["recommendation"], referral=d.get("referral"),
                               confidence=d.get("confidence", 0.0), settled=d.get("settled"),
                               contributions=[(c["rule"], c["contribution"]) for c in d.get("contributions", [])],
                               concluding_rules=d.get("concluding_rules"))
    # whether the figure is open as the record tells it (its `confidence_open`; it holds no waiting rule's
    # effects to work it out from)
    return how(rs, decision, record_open(d))


# A set answered with none of its values, in words no value can be (values are identifiers): a
# set's member may itself be named `none`, which "none" would be read as
EMPTY_SET = "(empty set)"


def show_value(value) -> str:
    if is_masked(value):
        return "(masked)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(show_value, value)) or EMPTY_SET
    return str(value)


def effects_text(r: dict) -> str:
    effects = [", ".join(f"{signed_text(w)} {o}" for o, w in r.get("evidence", {}).items())]
    effects += ["derives " + ", ".join(r.get("derived", []))] if r.get("derived") else []
    effects += [f"refers to {r['refer']}"] if r.get("refer") else []
    effects += ["not now"] if r.get("not_now") else []
    return "; ".join(e for e in effects if e)


def fact_text(f: dict) -> str:
    """One matched fact in words; a masked value stays masked, whatever its shape."""
    if "member" in f:
        if is_masked(f["value"]):
            return f"{f['fact']} [{f['member']}] (masked)"
        return f"{f['fact']} {'contains' if f['value'] is True else 'lacks'} {f['member']}"
    if "known" in f:
        return f"{f['fact']} is {'known' if f['known'] else 'unknown'}"
    return f"{f['fact']} = {show_value(f['value'])}"


def outline(tree: dict) -> list[str]:
    """The derivation as indented text lines (the page's text alternative to the graph)."""
    lines = [tree["outcome"] + (f" ({tree['referral']})" if tree.get("referral") else "")]
    for kind, depth, item in _depth_first(tree):
        pad = "  " * depth
        if kind == "rule":
            lines.append(pad + (f"<- {item['rule']}  (shown above)" if item.get("shown_above") else
                                f"<- {item['rule']} [{effects_text(item)}]"))
        elif kind == "fact":
            lines.append(pad + "<- " + fact_text(item) + ("  (input)" if item.get("input") else ""))
        elif kind == "closure":
            lines.append(pad + f"<- rule {item['refuted']} refuted")
        else:
            lines.append(pad + f"<- refuted: {item['rule']}" + (f" (failed: {item['failed']})" if "failed" in item else ""))
    return lines


def _depth_first(tree: dict):
    """(kind, depth, node) for every node of the tree, depth first in its order: `rule`, `fact`,
    `closure` (a refutation bound inside a closure) or `refuted` (a rule refuted to establish a
    fact). Walked with a stack of its own: a chain of derived facts can be deeper than
    Python's recursion limit allows."""
    stack = [("rule", 1, r) for r in reversed(tree.get("because", []))]
    while stack:
        kind, depth, item = stack.pop()
        if kind == "fact" and "fact" not in item:
            kind = "closure"
        yield kind, depth, item
        if kind == "rule":
            stack.extend(("fact", depth + 1, f) for f in reversed(item.get("from", [])))
        elif kind == "fact":
            stack.extend(("refuted", depth + 1, r) for r in reversed(item.get("refuted", [])))
            if "derived_by" in item:
                stack.append(("rule", depth + 1, item["derived_by"]))


def build(tree: dict) -> tuple[dict[str, Node], list[tuple[str, str]]]:
    """-> (nodes by id in discovery order, edges parent -> child, deduplicated)."""
    outcome = tree["outcome"] + (f" ({tree['referral']})" if tree.get("referral") else "")
    phrase = confidence_phrase(tree.get('confidence', 0), tree.get('settled'), open_=tree.get('confidence_open', False))
    # the node shows MAX_CHARS of it; where the figure is open, its title has the whole of it
    tip = f"the outcome: {phrase}" if tree.get('confidence_open', False) is not False else "the outcome"
    nodes = {"o": Node("o", "outcome", outcome, phrase, tip)}
    edges: list[tuple[str, str]] = []
    drawn: set[tuple[str, str]] = set()
    parents = ["o"]  # the node id at each depth of the walk so far

    def add(depth: int, node: Node) -> None:
        nodes.setdefault(node.id, node)
        edge = (parents[depth - 1], node.id)
        if edge not in drawn:
            drawn.add(edge)
            edges.append(edge)
        del parents[depth:]
        parents.append(node.id)

    for kind, depth, item in _depth_first(tree):
        if kind == "rule":
            add(depth, Node("r:" + item["rule"], "rule", item["rule"], effects_text(item), item.get("reason", "")))
        elif kind == "closure":
            add(depth, Node("x:" + item["refuted"], "refuted", f"refuted: {item['refuted']}", "", "a rule refuted"))
        elif kind == "refuted":
            why = f"failed: {item['failed']}" if "failed" in item else ""
            add(depth, Node("x:" + item["rule"], "refuted", f"refuted: {item['rule']}", why, why))
        else:
            text = fact_text(item)
            key = "f:" + json.dumps([item["fact"], item.get("member"), item.get("value"), item.get("known")],
                                    sort_keys=True)
            add(depth, Node(key, "input" if item.get("input") else "derived", text,
                            "input" if item.get("input") else "derived fact", text))
    return nodes, edges


def layout(nodes: dict[str, Node], edges: list) -> tuple[dict[str, tuple[float, float, float]], float, float]:
    """-> ({id: (x, y, width)}, total width, total height)."""
    parents: dict[str, list[str]] = {n: [] for n in nodes}
    children: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        parents[b].append(a)
        children[a].append(b)
    depth: dict[str, int] = {}
    pending = {n: len(parents[n]) for n in nodes}
    ready = [n for n in nodes if not pending[n]]
    while ready:  # longest path by topological order (how() never builds a cycle)
        n = ready.pop(0)
        depth.setdefault(n, 0)
        for c in children[n]:
            depth[c] = max(depth.get(c, 0), depth[n] + 1)
            pending[c] -= 1
            if not pending[c]:
                ready.append(c)
    layers: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for n in nodes:  # discovery order is the starting order
        layers[depth.get(n, 0)].append(n)
    width = {n: min(max(len(nodes[n].label), len(nodes[n].sub)), MAX_CHARS) * CHAR_W + 2 * PAD for n in nodes}
    x: dict[str, float] = {}
    for _ in range(2):  # order each layer by the mean position of its parents
        for level, layer in enumerate(layers):
            if level:
                layer.sort(key=lambda n: sum(x[p] + width[p] / 2 for p in parents[n]) / len(parents[n]))
            _place(layer, {n: 0.0 for n in layer}, width, x)
    for _ in range(3):  # then pull each node over its parents, and each parent over its children
        for layer in layers[1:]:
            _place(layer, {n: _mean_centre(parents[n], x, width) - width[n] / 2 for n in layer}, width, x)
        for layer in reversed(layers[:-1]):
            _place(layer, {n: _mean_centre(children[n], x, width) - width[n] / 2 if children[n] else x[n]
                           for n in layer}, width, x)
    left = min(x.values(), default=0.0)
    rows = [row for layer in layers for row in _wrap([n for n in sorted(layer, key=x.get)], x, left, width)]
    pos = {n: (round(xs + PAD, 2), PAD + r * (NODE_H + LAYER_GAP), round(width[n], 2))  # no 1100.0000001
           for r, row in enumerate(rows) for n, xs in row}
    total = round(max((pos[n][0] + pos[n][2] for n in nodes), default=0.0) + PAD, 2)
    return pos, total, PAD * 2 + len(rows) * NODE_H + (len(rows) - 1) * LAYER_GAP


def _wrap(layer: list, x: dict, left: float, width: dict) -> list[list[tuple[str, float]]]:
    """One layer as rows of (node, x from the left edge) that each fit MAX_WIDTH: the layer
    as laid out when it fits (moved left as far as it must), else packed onto as many rows
    as it needs, in its order."""
    room = MAX_WIDTH - 2 * PAD
    if not layer:
        return [[]]
    start, end = x[layer[0]] - left, max(x[n] + width[n] for n in layer) - left
    if end - start <= room:
        shift = max(0.0, end - room)
        return [[(n, x[n] - left - shift) for n in layer]]
    rows: list[list[tuple[str, float]]] = [[]]
    at = 0.0
    for n in layer:
        if rows[-1] and at + width[n] > room:
            rows.append([])
            at = 0.0
        rows[-1].append((n, at))
        at += width[n] + NODE_GAP
    return rows


def _mean_centre(ids: list, x: dict, width: dict) -> float:
    return sum(x[i] + width[i] / 2 for i in ids) / len(ids)


def _place(layer: list, want: dict, width: dict, x: dict) -> None:
    """Put the layer's nodes, in order, as near their wanted x as they fit without
    overlapping: greedy left to right, then the whole layer shifted by the mean
    displacement so it does not drift to one side."""
    right = float("-inf")
    for n in layer:
        x[n] = max(want[n], right + NODE_GAP)
        right = x[n] + width[n]
    if layer:
        shift = sum(x[n] - want[n] for n in layer) / len(layer)
        for n in layer:
            x[n] -= shift


def svg(tree: dict, lang: str = "") -> str:
    """The derivation as inline SVG; `lang`, the rule set's language, marks a rule's reason (its
    node's title: engine.reports.author_text)."""
    nodes, edges = build(tree)
    pos, w, h = layout(nodes, edges)
    out = [f'<svg class="graph" role="img" aria-labelledby="graph-title" width="{w:.0f}" height="{h:.0f}" '
           f'viewBox="0 0 {w:.0f} {h:.0f}" font-family="ui-monospace, monospace" font-size="12">',
           '<title id="graph-title">Derivation: what each conclusion rests on</title>',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
           '<g class="edges">']
    for a, b in edges:  # drawn from the supporting node (below) up to what it supports
        (ax, ay, aw), (bx, by, bw) = pos[a], pos[b]
        x1, y1, x2, y2 = bx + bw / 2, by, ax + aw / 2, ay + NODE_H
        mid = (y1 + y2) / 2
        out.append(f'<path class="edge" data-from="{escape(b)}" data-to="{escape(a)}" '
                   f'd="M{x1:.1f},{y1:.1f} C{x1:.1f},{mid:.1f} {x2:.1f},{mid:.1f} {x2:.1f},{y2:.1f}" '
                   'fill="none" stroke="#555" marker-end="url(#arrow)"/>')
    out.append('</g><g class="nodes">')
    for n in nodes.values():
        x, y, width = pos[n.id]
        marked = lang_attrs(lang) if n.kind == "rule" and n.tip else ""  # a rule's tip is its reason
        out.append(f'<g class="node n-{n.kind}" data-id="{escape(n.id)}"><title{marked}>{escape(n.tip or n.label)}</title>'
                   f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{NODE_H}" rx="6"/>'
                   f'<text x="{x + PAD:.1f}" y="{y + 16:.1f}" class="label">{escape(_cut(n.label))}</text>'
                   f'<text x="{x + PAD:.1f}" y="{y + 31:.1f}" class="sub">{escape(_cut(n.sub))}</text></g>')
    out.append("</g></svg>")
    return "\n".join(out)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "\u2026"
