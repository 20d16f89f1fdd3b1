"""Stage 4b, cross-check: every evaluation's result is checked against the rules'
conditions, in Python, independently of durable-rules.

durable-rules decides; this only checks, and never corrects. After the run,
each rule's validated condition is evaluated in three-valued (Kleene) logic
over the person's known input facts and the derived facts the engine
established (holds true, fails false, otherwise unknown), and:
- every rule that fired must have a condition that holds, and every rule
  whose condition holds must have fired (so a fact the engine dropped, or a
  match it missed or invented, cannot pass unnoticed);
- every refuted rule must have a condition that is false;
- a derived fact whose failure some rule reads is settled false exactly when
  the conditions of all the rules that could derive it are false, and no
  derived fact both holds and fails.
A disagreement is an internal error, PF505, located at the rule or fact it
names: the decision is not returned.

It runs on every evaluation, batch included, so it must be cheap: each
condition is turned into a small closure once, when the rule set is bound to
the engine (measured in bench/run.py: `cross_check` share of decision time).
The explanation stage (explain/why_not.py) relies on this check having run.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..errors import fail
from .model import All, Any, Cmp, Compiled, Cond, Not, RuleSet

# (known input facts, established derived facts {name: bool}) -> True | False | None (unknown)
Evaluator = Callable[[dict, dict], Optional[bool]]


def condition(cond: Cond, rs: RuleSet) -> Evaluator:
    """A condition as a closure evaluating it in Kleene logic."""
    if isinstance(cond, Cmp):
        return _comparison(cond, rs)
    if isinstance(cond, Not):
        inner = condition(cond.item, rs)

        def negation(facts, derived):
            v = inner(facts, derived)
            return None if v is None else not v
        return negation
    items = tuple(condition(item, rs) for item in cond.items)
    if isinstance(cond, All):
        def conjunction(facts, derived):
            result = True
            for item in items:
                v = item(facts, derived)
                if v is False:
                    return False
                if v is None:
                    result = None
            return result
        return conjunction
    assert isinstance(cond, Any)

    def disjunction(facts, derived):
        result = False
        for item in items:
            v = item(facts, derived)
            if v is True:
                return True
            if v is None:
                result = None
        return result
    return disjunction


def _comparison(c: Cmp, rs: RuleSet) -> Evaluator:
    name, want = c.fact, c.value
    if rs.facts[name].kind == "derived":
        if c.op == "is":  # only `is: known` is valid on a derived fact
            return lambda facts, derived: True if name in derived else None
        return lambda facts, derived: (derived[name] == want) if name in derived else None
    if c.op == "is":
        known = want == "known"
        return lambda facts, derived: (name in facts) == known
    return _COMPARE[c.op](name, want)


# One closure per operator, each one call: a known value is never None (an unknown fact is
# absent), and the check runs on every rule of every evaluation.
def _equals(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else v == want


def _one_of(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else v in want


def _not_one_of(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else v not in want


def _lt(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else v < want


def _lte(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else v <= want


def _gt(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else v > want


def _gte(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else v >= want


def _contains(name, want):
    return lambda facts, derived: None if (v := facts.get(name)) is None else want in v


_COMPARE: dict[str, Callable] = {"equals": _equals, "one_of": _one_of, "not_one_of": _not_one_of, "lt": _lt,
                                 "lte": _lte, "gt": _gt, "gte": _gte, "contains": _contains}


def _show(v: Optional[bool]) -> str:
    return "unknown" if v is None else "true" if v else "false"


class CrossCheck:
    """One rule set's conditions, compiled once; `check` runs after every evaluation."""

    def __init__(self, compiled: Compiled):
        rs = compiled.ruleset
        self._rs = rs
        self._conditions = [condition(rule.when, rs) for rule in rs.rules]
        self._closures = sorted(compiled.fail_closures.items())

    def check(self, facts: dict, holds: set, fails: set, fired: set, refuted: set) -> tuple:
        """Raise PF505 at the first disagreement: `fired` and `refuted` are rule indices.
        Returns the indices of the rules whose condition is unknown on the facts the engine
        established. Every rule the explanation finds waiting is among them (it may read a
        derived fact as false that the engine left open, and Kleene logic never takes a
        known value back), so when there are none (as on every complete profile) no rule
        waits and no unknown fact can matter, which the decision then knows without
        explaining itself (api.Decision)."""
        rules = self._rs.rules
        both = holds & fails
        if both:
            name = min(both)
            raise fail("PF505", f"derived fact {name!r} both holds and fails (engine cross-check)",
                       self._rs.facts[name].pos)
        derived = dict.fromkeys(holds, True)
        derived.update(dict.fromkeys(fails, False))
        values = [cond(facts, derived) for cond in self._conditions]
        waiting = []
        for idx, v in enumerate(values):
            if v is None:
                waiting.append(idx)
            if idx in fired:
                if v is not True:
                    raise fail("PF505", f"rule {rules[idx].id!r} fired, but its condition is {_show(v)} on the "
                               "final facts (engine cross-check)", rules[idx].pos)
            elif v is True:
                raise fail("PF505", f"rule {rules[idx].id!r}: its condition holds but durable-rules did not "
                           "fire it (engine cross-check)", rules[idx].pos)
            if idx in refuted and v is not False:
                raise fail("PF505", f"rule {rules[idx].id!r} was refuted, but its condition is {_show(v)} on the "
                           "final facts (engine cross-check)", rules[idx].pos)
        for name, derivers in self._closures:
            all_false = all(values[i] is False for i in derivers)
            if all_false != (name in fails):
                said = "settled it false" if name in fails else "did not settle it false"
                raise fail("PF505", f"derived fact {name!r}: the conditions of the rules that could derive it are "
                           f"{'all' if all_false else 'not all'} false, but durable-rules {said} "
                           "(engine cross-check)", self._rs.facts[name].pos)
        return tuple(waiting)
