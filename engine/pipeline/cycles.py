"""Validate stage, part 3: cycles among derived facts.

A derived fact that depends on itself has no stable answer: through negation (PF208) it
may flip on every pass, otherwise (PF209) it can only hold because it already held.
Each cycle is reported once, at the condition that closes it.
"""
from __future__ import annotations

from ..errors import Collector
from .model import All, Any, Cmp, Cond, Not, Rule, facts_in


def dependency_edges(rules: list[Rule], facts: dict) -> dict[str, list[tuple[str, bool, Rule]]]:
    """derived fact -> [(derived fact it depends on, through negation?, rule)]."""
    edges: dict[str, list] = {}
    for rule in rules:
        if not rule.then.derive:
            continue  # no edge from a rule that derives nothing
        negative = _polarities(rule.when)
        reads = [(c.fact, negative[id(c)]) for c in facts_in(rule.when) if facts[c.fact].kind == "derived"]
        for target in rule.then.derive:
            for source, negative in reads:
                edges.setdefault(target, []).append((source, negative, rule))
    return edges


def polarity_negative(cond: Cond, target: Cmp, negated: bool = False) -> bool:
    """True when `target` (a derived-fact comparison) needs the fact to be refuted.

    `equals: false`, or `equals: true` under an odd number of `not`s, asks for
    the fact to fail; `is: known` asks for holds-or-fails, so it needs failure too.
    """
    if cond is target:
        if target.op == "is":
            return True
        return (target.value is False) != negated
    if isinstance(cond, Not):
        return polarity_negative(cond.item, target, not negated)
    if isinstance(cond, (All, Any)):
        for item in cond.items:
            if any(c is target for c in facts_in(item)):
                return polarity_negative(item, target, negated)
    return False


def _polarities(cond: Cond, negated: bool = False, found: dict | None = None) -> dict[int, bool]:
    """polarity_negative(cond, c) for every comparison c in `cond`, by id(c), in one walk:
    asked comparison by comparison, it searched the condition again for each. A
    comparison object met twice keeps the first place it is met, as polarity_negative
    finds it there."""
    found = {} if found is None else found
    if isinstance(cond, Cmp):
        found.setdefault(id(cond), True if cond.op == "is" else (cond.value is False) != negated)
    elif isinstance(cond, Not):
        _polarities(cond.item, not negated, found)
    else:
        for item in cond.items:
            _polarities(item, negated, found)
    return found


def check_cycles(rules: list[Rule], facts: dict, out: Collector) -> None:
    """PF208/PF209 for each cycle among derived facts, each set of facts reported once."""
    edges = dependency_edges(rules, facts)
    state: dict[str, int] = {}
    path: list[tuple[str, tuple | None]] = []  # (node, edge that led to it)
    reported: set[frozenset] = set()

    def visit(node: str) -> None:
        state[node] = 1
        for source, negative, rule in sorted(edges.get(node, []), key=lambda e: (e[0], e[2].id)):
            if state.get(source) == 1:
                idx = next(i for i, (n, _) in enumerate(path) if n == source)
                names = [n for n, _ in path[idx:]] + [source]
                if frozenset(names) in reported:
                    continue
                reported.add(frozenset(names))
                # edge k: its rule derives names[k] and reads names[k + 1]
                cycle = [(names[k], names[k + 1]) + edge
                         for k, edge in enumerate([e for _, e in path[idx + 1:]] + [(negative, rule)])]
                _report_cycle(names, cycle, out)
            elif source not in state:
                path.append((source, (negative, rule)))
                visit(source)
                path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            path.append((node, None))
            visit(node)
            path.pop()


def _report_cycle(names: list[str], cycle: list[tuple], out: Collector) -> None:
    """One cycle, at the condition that closes it: in the first-written rule of the cycle
    (of those reading through negation, for PF208), the comparison reading the next fact;
    the message names where that rule derives the fact it feeds."""
    through_not = any(negative for _, _, negative, _ in cycle)
    candidates = [e for e in cycle if e[2]] if through_not else cycle
    target, source, negative, rule = min(candidates, key=lambda e: (e[3].pos.file, e[3].pos.line, e[3].id))
    reads = [c for c in facts_in(rule.when) if c.fact == source and polarity_negative(rule.when, c) == negative]
    where = min((c.pos for c in reads), default=rule.pos, key=lambda p: (p.line, p.col))
    derived = rule.derive_pos[rule.then.derive.index(target)] if len(rule.derive_pos) == len(rule.then.derive) \
        else rule.pos
    kind = "through negation" if through_not else "of derivations"
    out.add("PF208" if through_not else "PF209",
            f"cycle {kind}: {' <- '.join(names)} (rules {', '.join(sorted({e[3].id for e in cycle}))}); "
            f"{rule.id} reads {source} here and derives {target} at line {derived.line}:{derived.col}",
            where if where.line else rule.pos)
