"""The catalogue's Mermaid dependency graph: input facts -> rules -> derived facts and outcomes.

Every node has its own id: a name is spelt into an id by a code no two names
share (`_` as `__`, `.` as `_d`, `=` as `_e`, anything else as `_xHH..`), after a
prefix that says what the node is. Mermaid joins nodes that share an id, so an
id made by merely replacing punctuation (`a.b_c`, `a_b.c`) would draw two rules,
or a valued fact `pace=fast` and a fact `pace_fast`, as one.
"""
from __future__ import annotations

from ..pipeline.model import Rule, RuleSet, facts_in
from ..pipeline.cycles import polarity_negative

_SPELT = {"_": "__", ".": "_d", "=": "_e"}

# Mermaid's defaults (maxEdges, maxTextSize), which GitHub and most Markdown viewers keep: past
# either, a viewer shows an error box ("Too many edges", "Maximum text size in diagram
# exceeded") where the graph would be. A few hundred generated rules cross both.
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000


def graph_section(rs: RuleSet) -> list[str]:
    """The catalogue's dependency-graph section: the flowchart where Mermaid draws it; past
    its limits, what the graph's size is and where to see a part of it instead, since a
    flowchart no viewer draws tells the reader nothing and makes the page megabytes long."""
    lines = mermaid(rs)
    edges = sum(1 for line in lines if " --> " in line or " -.-> " in line)
    text = len("\n".join(lines))
    if edges <= MERMAID_MAX_EDGES and text <= MERMAID_MAX_TEXT:
        return ["Input facts (rounded) feed rules (boxes), which derive facts (hexagons) or conclude outcomes "
                "(circles); a dotted arrow means the rule needs the fact to be false, or settled either way "
                "(`is: known`).", "", "```mermaid", *lines, "```", ""]
    return [f"Not drawn: the graph of {len(rs.rules):,} rules has {edges:,} arrows in {text:,} characters, "
            f"more than Mermaid (which GitHub and most Markdown viewers use) draws: "
            f"{MERMAID_MAX_EDGES:,} arrows, {MERMAID_MAX_TEXT:,} characters.", "",
            "One rule's neighbourhood (the rules it depends on and those depending on it): "
            "`pathfit rules show RULE --deps`; every rule a fact feeds, through the facts it derives: "
            "`pathfit rules list --reads FACT --through`.", ""]


def mermaid(rs: RuleSet) -> list[str]:
    """facts -> rules -> derived facts / outcomes, as a left-to-right flowchart."""
    lines = ["flowchart LR"]
    classes: dict[str, list[str]] = {"input": [], "derived": [], "outcome": []}
    read = {c.fact for r in rs.rules for c in facts_in(r.when)}
    for f in rs.inputs:
        if f.name in read:
            classes["input"].append(node_id("f", f.name))
            lines.append(f'  {node_id("f", f.name)}(["{f.name}"])')
    for f in rs.facts.values():
        if f.kind == "derived":
            classes["derived"].append(node_id("d", f.name))
            lines.append(f'  {node_id("d", f.name)}{{{{"{f.name}"}}}}')
    targets: list[tuple[str, str, str]] = []
    for rule in rs.rules:
        lines.append(f'  {node_id("r", rule.id)}["{rule.id}"]')
        targets += [t for t in _targets(rule) if t not in targets]
    for kind, name, label in sorted(targets):
        classes["outcome"].append(node_id(kind, name))
        lines.append(f'  {node_id(kind, name)}(("{label}"))')
    for rule in rs.rules:
        rid = node_id("r", rule.id)
        seen = set()
        for c in facts_in(rule.when):
            fact = rs.facts[c.fact]
            source = node_id("d" if fact.kind == "derived" else "f", c.fact)
            negative = fact.kind == "derived" and polarity_negative(rule.when, c)
            if (source, negative) not in seen:
                seen.add((source, negative))
                lines.append(f"  {source} {'-.->' if negative else '-->'} {rid}")
        for fact in rule.then.derive:
            lines.append(f"  {rid} --> {node_id('d', fact)}")
        for kind, name, _ in _targets(rule):
            lines.append(f"  {rid} --> {node_id(kind, name)}")
    lines += ["  classDef input fill:#eef,stroke:#557", "  classDef derived fill:#efe,stroke:#575",
              "  classDef outcome fill:#fee,stroke:#755"]
    for cls, ids in classes.items():
        if ids:
            lines.append(f"  class {','.join(ids)} {cls}")
    return lines


def _targets(rule: Rule) -> list[tuple[str, str, str]]:
    """(node kind, name, label) of what the rule concludes: a referral (`or`), not now
    (`on`), evidence for an outcome (`oe`), a format (`of`). Each kind has its own
    prefix, so an evidence outcome named like a referral's or a format's node is
    still its own node."""
    then, out = rule.then, []
    if then.refer:
        out.append(("or", then.refer, f"refer: {then.refer}"))
    if then.not_now:
        out.append(("on", "", "not now"))
    out += [("oe", o, o) for o, _ in then.evidence]
    out += [("of", f, f"format: {f}") for f in then.suggest]
    return out


def node_id(prefix: str, name: str) -> str:
    """`prefix_` and `name` spelt so that two names never share an id (see the module)."""
    return f"{prefix}_" + "".join(_SPELT.get(ch) or (ch if ch.isascii() and ch.isalnum() else
                                                      "_x" + ch.encode("utf-8").hex() + "_") for ch in name)
