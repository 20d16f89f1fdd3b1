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
the engine, and after COMPILE_AFTER checks every condition is written into one
function that evaluates them all in a third of the time (cross_check_code.py),
the same values by construction and by test (measured in bench/run.py:
`cross_check` share of decision time).
The explanation stage (explain/why_not.py) relies on this check having run.
"""
from __future__ import annotations

from itertools import compress, repeat
from operator import is_, is_not
from typing import Callable, Optional, TypeAlias

from ..errors import PathfitError, fail
from .model import All, Any, Cmp, Compiled, Cond, Not, RuleSet

# (known input facts, established derived facts {name: bool}) -> True | False | None (unknown)
Evaluator: TypeAlias = "Callable[[dict, dict], Optional[bool]]"  # text: typing would build it on every start

# Checks after which a rule set's conditions are compiled into one function: building it
# costs about as much as a few hundred checks save (bench/run.py), so a one-person
# command never pays for it and a batch or a service soon does.
COMPILE_AFTER = 256


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
        self.agrees = Agreement(len(rs.rules), self._closures)
        self.values = self._each  # every condition's value; compiled into one function after COMPILE_AFTER
        self.checks = 0

    def _each(self, facts: dict, derived: dict) -> list:
        return [cond(facts, derived) for cond in self._conditions]

    def compile(self) -> bool:
        """Evaluate every condition in one compiled function from now on (cross_check_code.py);
        False where Python cannot compile it, and the closures go on serving."""
        if self.values != self._each:
            return True
        from .cross_check_code import compiled_values  # here: a one-person command never needs it

        values = compiled_values(self._rs)
        if values is not None:
            self.values = values
        return values is not None

    def check(self, facts: dict, holds: set, fails: set, fired: set, refuted: set) -> tuple:
        """Raise PF505 at the first disagreement: `fired` and `refuted` are rule indices.
        Returns the indices of the rules whose condition is unknown on the facts the engine
        established. Every rule the explanation finds waiting is among them (it may read a
        derived fact as false that the engine left open, and Kleene logic never takes a
        known value back), so when there are none no rule waits and no unknown fact can
        matter, which the decision then knows without explaining itself (api.Decision).
        A complete profile can still have some: a rule that reads a derived fact the
        engine left open (no rule reads its failure, so none settles it) is unknown here."""
        both = holds & fails
        if both:
            name = min(both)
            raise fail("PF505", f"derived fact {name!r} both holds and fails (engine cross-check)",
                       self._rs.facts[name].pos)
        derived = dict.fromkeys(holds, True)
        derived.update(dict.fromkeys(fails, False))
        values = self.values(facts, derived)
        # the count this check made, not the count read again: threads checking at once cannot
        # step it past COMPILE_AFTER unseen (every count stored is one some check made). Two that
        # made the same count would each compile, the same function: work done twice, no more
        self.checks = checks = self.checks + 1
        if checks == COMPILE_AFTER:
            self.compile()
        if not self.agrees(values, fired, refuted, fails):
            raise self.first_disagreement(values, fired, refuted, fails) or fail(
                "PF505", "the engine's result disagrees with the rules' conditions (engine cross-check)")
        if None not in values:  # every condition known
            return ()
        return tuple(compress(range(len(values)), map(is_, values, repeat(None))))

    def first_disagreement(self, values: list, fired: set, refuted: set, fails: set) -> PathfitError | None:
        """PF505 for the first disagreement, in rule order, then the closures' order; None
        when there is none (`Agreement` finds one exactly then)."""
        rules = self._rs.rules
        for idx, v in enumerate(values):
            if idx in fired:
                if v is not True:
                    return fail("PF505", f"rule {rules[idx].id!r} fired, but its condition is {_show(v)} on the "
                                "final facts (engine cross-check)", rules[idx].pos)
            elif v is True:
                return fail("PF505", f"rule {rules[idx].id!r}: its condition holds but durable-rules did not "
                            "fire it (engine cross-check)", rules[idx].pos)
            if idx in refuted and v is not False:
                return fail("PF505", f"rule {rules[idx].id!r} was refuted, but its condition is {_show(v)} on the "
                            "final facts (engine cross-check)", rules[idx].pos)
        for name, derivers in self._closures:
            all_false = all(values[i] is False for i in derivers)
            if all_false != (name in fails):
                said = "settled it false" if name in fails else "did not settle it false"
                return fail("PF505", f"derived fact {name!r}: the conditions of the rules that could derive it are "
                            f"{'all' if all_false else 'not all'} false, but durable-rules {said} "
                            "(engine cross-check)", self._rs.facts[name].pos)
        return None


class Agreement:
    """Whether the conditions' values (True, False or None, by rule index) agree with the
    engine: the rules true are exactly the rules fired, every refuted rule is false, and a
    derived fact failed exactly when all the rules that could derive it are false. The
    same tests as CrossCheck.first_disagreement, which names the first that fails, made
    with C-level set and iterator operations over what is worked out once per rule set:
    True is the only true value, so `compress` picks the rules that hold, and a derived
    fact's derivers are all false when none of the rules that are not false derives it.
    tests/test_cross_check_agrees.py holds the two alike."""

    def __init__(self, n_rules: int, closures: list):
        self.names = frozenset(name for name, _ in closures)
        of_rule: list = [() for _ in range(n_rules)]
        for name, derivers in closures:
            for i in derivers:
                of_rule[i] += (name,)
        self.of_rule = tuple(of_rule)  # rule index -> the derived facts it could derive

    def __call__(self, values: list, fired: set, refuted: set, fails: set) -> bool:
        if set(compress(range(len(values)), values)) != fired:
            return False
        if refuted and not set(map(values.__getitem__, refuted)) <= _ONLY_FALSE:
            return False
        not_false = compress(range(len(values)), map(is_not, values, repeat(False)))
        all_false = self.names.difference(*map(self.of_rule.__getitem__, not_false))
        return all_false == self.names.intersection(fails)


_ONLY_FALSE = frozenset({False})
