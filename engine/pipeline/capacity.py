"""durable-rules' C core has fixed capacities; cross one and it fails mid-evaluation
(error 303), refuses the ruleset (108), hangs (512 children) or crashes.

The compiler rebuilds the core's alpha network as a trie of the tests each
binding performs (shared prefixes are shared nodes, as in the core) and checks
it before anything runs. Limits were measured on this machine with
durable-rules 2.0.28 (see tests/test_capacity.py, which probes both sides of
each limit on the real engine).
"""
from __future__ import annotations

import json

from ..errors import Collector, Pos
from .model import RuleSet

MAX_MATCHES_PER_FACT = 64  # error 303 at 65
MAX_RULES_PER_NODE = 255  # segfault at 256, error 108 beyond
MAX_CHILDREN_PER_NODE = 511  # the core hangs at 512
# The core's compile-time action limit (`MAX_ACTIONS` in durable-rules' rete.c, 4,096
# upstream): pathfit's build sets it to this value (build_tools/durable_core.py reads
# this line), so 3,000-rule bases fit. Written here only.
CORE_MAX_ACTIONS = 8192
MAX_ACTIONS = CORE_MAX_ACTIONS - 1  # less the adapter's sentinel rule


class _Node:
    """One alpha-network node. Equality children are indexed by (attribute, value)
    so matching a fact looks them up instead of testing each one."""

    __slots__ = ("children", "eq", "cmp", "rules", "test")

    def __init__(self, test=None):
        self.test = test
        self.children: dict[tuple, _Node] = {}
        self.eq: dict[tuple, _Node] = {}
        self.cmp: list[_Node] = []
        self.rules: set[str] = set()

    def child(self, key: tuple, test: dict, op: str) -> "_Node":
        """The child reached by `test` (whose key is `key`), made if new."""
        node = self.children.get(key)
        if node is None:
            node = self.children[key] = _Node(test)
            if op.startswith("$"):
                self.cmp.append(node)
            else:
                self.eq[key] = node
        return node


def check_capacity(rs: RuleSet, definition: dict, actions: dict) -> frozenset:
    """Raise PathfitError when the definition would cross a limit; return the
    fact patterns some condition observes (others need not be asserted)."""
    out = Collector()
    root = _Node()
    observed: set = set()
    thresholds: dict[str, set] = {}  # input fact -> the numbers some binding compares it with
    # a binding's body shared by several bindings (compile shares equal ones) leads to the
    # same node and adds the same pattern and thresholds: walked once, by the body's id (the
    # definition holds every body, so no id is reused meanwhile)
    ends: dict[int, _Node] = {}
    # in definition order: nothing below depends on the order the network is built in
    # (children are walked sorted, rules reported sorted), and thresholds are gathered in it
    for name, rule in definition.items():
        for binding in rule["all"]:
            (body,) = binding.values()
            node = ends.get(id(body))
            if node is None:
                node = ends[id(body)] = _end(root, body["$and"], observed, thresholds)
            node.rules.add(name)
    if len(definition) > MAX_ACTIONS:
        out.add("PF304", f"the rule set compiles to {len(definition)} durable-rules rules; the limit is {MAX_ACTIONS}", Pos(rs.directory))
    _walk_limits(root, [], rs, actions, out)
    for fact, label, pos in _representative_facts(rs, definition, thresholds):
        hits = _count_matches(root, fact, [(a, v.__class__, v) for a, v in fact.items()])
        if hits > MAX_MATCHES_PER_FACT:
            out.add("PF301", f"{label} would match {hits} distinct conditions; durable-rules allows "
                    f"{MAX_MATCHES_PER_FACT} per fact: merge thresholds or derive an intermediate fact", pos)
            break
    out.raise_if_errors()
    return frozenset(observed)


def _end(root: _Node, tests: list, observed: set, thresholds: dict) -> _Node:
    """The node a binding's tests lead to, made where new; its fact pattern goes to
    `observed` and an input fact's thresholds to `thresholds`."""
    node = root
    for test in tests:
        # tests that are the same test share a key: {"$gt": {"v": 3}} -> ("$gt", "v", int, 3); an
        # equality's, {"v": 3} -> ("v", int, 3), is also its index in `eq` (1, 1.0 and True stay apart)
        (op, arg), = test.items()
        if arg.__class__ is dict:
            (attr, value), = arg.items()
            key = (op, attr, value.__class__, value)
        else:
            key = (op, arg.__class__, arg)
        node = node.children.get(key) or node.child(key, test, op)
    observed.add(_pattern(tests))
    if tests[0].get("t") == "i" and len(tests[0]) == 1:
        _thresholds(tests, thresholds)
    return node


def _pattern(tests: list) -> tuple:
    t, n = tests[0]["t"], tests[1].get("n", tests[1].get("r"))
    if t == "m":
        return ("m", n, tests[2]["m"])
    return (t, n)


def _walk_limits(node: _Node, path: list, rs: RuleSet, actions: dict, out: Collector) -> None:
    if len(node.children) > MAX_CHILDREN_PER_NODE:
        out.add("PF303", f"{len(node.children)} distinct tests follow `{_describe(path)}`; durable-rules allows "
                f"{MAX_CHILDREN_PER_NODE}: use fewer distinct thresholds", _where(sorted(_all_rules(node))[0], rs, actions))
    if len(node.rules) > MAX_RULES_PER_NODE:
        first = sorted(node.rules)[0]
        out.add("PF302", f"{len(node.rules)} rules share the condition `{_describe(path)}`; durable-rules allows "
                f"{MAX_RULES_PER_NODE}: derive an intermediate fact and test that instead", _where(first, rs, actions))
    for key in sorted(node.children, key=repr):
        child = node.children[key]
        _walk_limits(child, path + [child.test], rs, actions, out)


def _all_rules(node: _Node) -> set:
    found = set(node.rules)
    for child in node.children.values():
        found |= _all_rules(child)
    return found


def _where(durable_name: str, rs: RuleSet, actions: dict) -> Pos:
    kind, ref = actions[durable_name]
    return rs.facts[ref].pos if kind == "fail" else rs.rules[ref].pos


def _describe(path: list) -> str:
    return " and ".join(json.dumps(t, sort_keys=True) for t in path) or "(root)"


def _passes(test: dict, fact: dict) -> bool:
    (op, arg), = test.items()
    if not op.startswith("$"):
        return fact.get(op, _MISSING) == arg
    (attr, value), = arg.items()
    have = fact.get(attr, _MISSING)
    if have is _MISSING:
        return False
    if op == "$neq":
        return have != value
    try:
        return {"$lt": have < value, "$lte": have <= value, "$gt": have > value, "$gte": have >= value}[op]
    except TypeError:
        return False


_MISSING = object()


def _count_matches(node: _Node, fact: dict, keys: list) -> int:
    """Conditions `fact` matches under `node`; `keys` are its attributes as `eq` keys."""
    total = 0
    nexts = [node.eq[k] for k in keys if k in node.eq]
    nexts += [c for c in node.cmp if _passes(c.test, fact)]
    for child in nexts:
        total += (1 if child.rules else 0) + _count_matches(child, fact, keys)
    return total


def _thresholds(tests: list, thresholds: dict) -> None:
    """Add the numbers one input-fact binding compares its fact with."""
    for test in tests[2:]:
        (op, arg), = test.items()
        if op.startswith("$"):
            thresholds.setdefault(tests[1]["n"], set()).add(arg["v"])
        elif op == "v" and not isinstance(arg, (str, bool)):
            thresholds.setdefault(tests[1]["n"], set()).add(arg)


def _representative_facts(rs: RuleSet, definition: dict, thresholds: dict):
    """One fact per distinguishable case: each value, unknown, and every region
    between the thresholds the rules compare a number with (`thresholds`, gathered
    while the network is built)."""
    for f in rs.facts.values():
        if f.kind == "derived":
            for v in (True, False):
                yield {"t": "d", "n": f.name, "v": v}, f"derived fact {f.name}={v}", f.pos
            continue
        yield {"t": "i", "n": f.name, "k": 0}, f"unknown {f.name}", f.pos
        if f.type == "set":
            yield {"t": "i", "n": f.name, "k": 1}, f"known {f.name}", f.pos
            for m in f.values:
                for v in (True, False):
                    yield {"t": "m", "n": f.name, "m": m, "v": v}, f"{f.name} member {m}={v}", f.pos
        elif f.type == "number":
            points = sorted({f.minimum, f.maximum} | {t for t in thresholds.get(f.name, ()) if f.minimum <= t <= f.maximum})
            mids = [(a + b) / 2 for a, b in zip(points, points[1:])]
            for v in points + mids:
                yield {"t": "i", "n": f.name, "k": 1, "v": v}, f"{f.name}={v}", f.pos
        else:
            for v in (f.values if f.type == "enum" else (True, False)):
                yield {"t": "i", "n": f.name, "k": 1, "v": v}, f"{f.name}={v}", f.pos
    for idx in sorted(set(_refuted_rules(definition))):
        yield {"t": "r", "r": idx}, f"refutation of rule {rs.rules[idx].id}", rs.rules[idx].pos


def _refuted_rules(definition: dict):
    """Rules whose refutation fact a closure joins (closures that join their derivers'
    negated conditions directly read no refutation fact)."""
    for name, rule in definition.items():
        if name.startswith("fail:"):
            for binding in rule["all"]:
                (tests,) = binding.values()
                if tests["$and"][0] == {"t": "r"}:
                    yield tests["$and"][1]["r"]
