"""Why-not's three-valued evaluator, each rule's condition turned into a closure once
per rule set (as the cross-check does with its own), so explaining a person does not
dispatch on the condition tree's node types again for every rule and every person.

This is explanation, not inference: the decision has come from durable-rules. A
closure answers (True | False | None for unknown, why it failed or None, the unknown
input facts underneath) over the person's known facts and a derived-fact state with
`get(name) -> (value, waits)` (derived_state.DerivedState). Why a part failed is kept
unwritten until it is shown, since most failures are inside a `not` or not the
first of an `all`: (Cmp, observed) | (Not, None) | (Any, [its items' whys]).
"""
from __future__ import annotations

from typing import Callable, TypeAlias

from ..pipeline.model import All, Cmp, Cond, Not, RuleSet, kept_with

TRUE, FALSE, UNKNOWN = True, False, None
NONE: frozenset = frozenset()  # no unknown inputs; shared, never changed in place

Evaluator: TypeAlias = "Callable[[dict, object], tuple]"  # text: typing would build it on every start

_TESTS = {
    "equals": lambda v, x: v == x, "one_of": lambda v, x: v in x, "not_one_of": lambda v, x: v not in x,
    "lt": lambda v, x: v < x, "lte": lambda v, x: v <= x, "gt": lambda v, x: v > x,
    "gte": lambda v, x: v >= x, "contains": lambda v, x: x in v,
}

_EACH: dict[int, tuple] = {}  # id(rules) -> (rules, Evaluators)
_ALL: dict[int, tuple] = {}  # id(rules) -> (rules, one evaluator per rule, in rule order)


class Evaluators(dict):
    """Rule index -> its condition's evaluator, compiled when first asked for and kept:
    a decision's open questions need only the rules that wait (waiting.py)."""

    def __init__(self, rs: RuleSet):
        super().__init__()
        self.rs = rs

    def __missing__(self, index: int) -> Evaluator:
        evaluate = self[index] = compile_condition(self.rs.rules[index].when, self.rs)
        return evaluate


def evaluators(rs: RuleSet) -> Evaluators:
    """The evaluators of `rs`'s rules, each compiled once, kept with the rules they were
    built from (an id reused by another rule set is never trusted)."""
    return kept_with(rs.rules, _EACH, lambda: Evaluators(rs))


def rule_evaluators(rs: RuleSet) -> tuple:
    """One evaluator per rule of `rs`, in rule order (the same objects `evaluators` keeps)."""
    return kept_with(rs.rules, _ALL, lambda: tuple(map(evaluators(rs).__getitem__, range(len(rs.rules)))))


def compile_condition(cond: Cond, rs: RuleSet) -> Evaluator:
    if isinstance(cond, Cmp):
        return _comparison(cond, rs)
    if isinstance(cond, Not):
        return _negation(cond, compile_condition(cond.item, rs))
    items = tuple(compile_condition(i, rs) for i in cond.items)
    return _conjunction(items) if isinstance(cond, All) else _disjunction(cond, items)


def _negation(cond: Not, inner: Evaluator) -> Evaluator:
    why_false = (cond, None)

    def negation(facts, derived):
        v, _, w = inner(facts, derived)
        if v is UNKNOWN:
            return UNKNOWN, None, w
        return (not v), (why_false if v else None), NONE
    return negation


# the first FALSE decides an `all`, the first TRUE an `any`: the items after it
# cannot change the answer or its detail (evaluation has no effects), so they are skipped
def _conjunction(items: tuple) -> Evaluator:
    def conjunction(facts, derived):
        unknown = []
        for item in items:
            result = item(facts, derived)
            v = result[0]
            if v is FALSE:
                return FALSE, result[1], NONE
            if v is UNKNOWN:
                unknown.append(result[2])
        if unknown:
            return UNKNOWN, None, set().union(*unknown)
        return TRUE, None, NONE
    return conjunction


def _disjunction(cond, items: tuple) -> Evaluator:
    def disjunction(facts, derived):
        unknown, whys = [], []
        for item in items:
            v, why, w = item(facts, derived)
            if v is TRUE:
                return TRUE, None, NONE
            if v is UNKNOWN:
                unknown.append(w)
            whys.append(why)
        if unknown:
            return UNKNOWN, None, set().union(*unknown)
        return FALSE, (cond, whys), NONE
    return disjunction


def _comparison(c: Cmp, rs: RuleSet) -> Evaluator:
    name, want = c.fact, c.value
    alone = frozenset({name})
    if rs.facts[name].kind == "derived":
        if c.op == "is":
            def derived_known(facts, derived):
                value, waits = derived.get(name)
                return (TRUE, None, NONE) if value is not UNKNOWN else (UNKNOWN, None, waits | alone)
            return derived_known

        def derived_value(facts, derived):
            value, waits = derived.get(name)
            if value is UNKNOWN:
                return UNKNOWN, None, waits | alone
            ok = value == want
            return ok, None if ok else (c, value), NONE
        return derived_value
    if c.op == "is":
        known_wanted = want == "known"

        def presence(facts, derived):
            known = name in facts
            ok = known == known_wanted
            return ok, None if ok else (c, "known" if known else "unknown"), NONE
        return presence
    test = _TESTS[c.op]

    def comparison(facts, derived):
        if name not in facts:
            return UNKNOWN, None, alone
        v = facts[name]
        ok = test(v, want)
        return ok, None if ok else (c, list(v) if isinstance(v, tuple) else v), NONE
    return comparison
