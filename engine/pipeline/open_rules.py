"""Each rule's condition read with every unknown input fact still open: what no answers to
come can change about it, and the tests its value still rests on.

Why not the run's own three-valued reading: a run reads a fact it was not given as left
unknown, so `is: unknown` holds on it and `is: known` fails, and answering the fact turns
them over (the one way an answer can take a firing back). Here such a test is undecided, as
a comparison on an unknown fact is. A condition decided here stays so whatever is answered
or left unknown (Kleene's logic is monotone, and either only decides what was undecided),
and an undecided one can move only with the open tests it rests on (`Open.value`: those in
its undecided parts, and through each derived fact it reads, those of its undecided
derivers); a test in a decided part cannot move it, whatever it is answered.

`Decision.missing` (explain/missing.py) reads conditions this way where such a test could
turn over.
"""
from __future__ import annotations

from .model import All, Cmp, Cond, Not, RuleSet, facts_in, kept_with
from .policy import read_by_policy

UNKNOWN = None
NONE: frozenset = frozenset()

_TESTS = {
    "equals": lambda v, x: v == x, "one_of": lambda v, x: v in x, "not_one_of": lambda v, x: v not in x,
    "lt": lambda v, x: v < x, "lte": lambda v, x: v <= x, "gt": lambda v, x: v > x,
    "gte": lambda v, x: v >= x, "contains": lambda v, x: x in v,
}
_CONE: dict[int, tuple] = {}  # id(rules) -> (rules, cone)
_PRESENCE: dict[int, tuple] = {}  # id(rules) -> (rules, input facts some condition tests with `is`)


def cone(rs: RuleSet) -> tuple[int, ...]:
    """The indices (in rule order) of the rules whose firing can matter to the advice: those
    whose effects the policy reads (evidence, a referral, not now), and those deriving a fact
    such a rule reads, transitively. Whatever is answered, no other rule's firing changes
    anything the decision reads."""
    def build() -> tuple[int, ...]:
        chosen = {i for i, rule in enumerate(rs.rules) if read_by_policy(rule)}
        frontier = set(chosen)
        while frontier:
            read = {c.fact for i in frontier for c in facts_in(rs.rules[i].when)}
            frontier = {j for name in read for j in rs.derivers.get(name, ())} - chosen
            chosen |= frontier
        return tuple(sorted(chosen))
    return kept_with(rs.rules, _CONE, build)


def presence_tested(rs: RuleSet) -> frozenset:
    """The input facts some rule tests with `is: known` / `is: unknown`, read off the rules
    once per rule set."""
    return kept_with(rs.rules, _PRESENCE, lambda: frozenset(
        c.fact for r in rs.rules for c in facts_in(r.when) if c.op == "is" and rs.facts[c.fact].kind == "input"))


class Open:
    """Conditions over the known `facts`, every other input fact open. An open test is kept
    as (fact, whether it is an `is` test); each derived fact is worked out once."""

    def __init__(self, rs: RuleSet, facts: dict):
        self.rs, self.facts = rs, facts
        self._derived: dict[str, tuple] = {}

    def value(self, cond: Cond) -> tuple:
        """(True | False | None for undecided, the open tests an undecided value rests on)."""
        if isinstance(cond, Cmp):
            return self._compare(cond)
        if isinstance(cond, Not):
            v, rests = self.value(cond.item)
            return (UNKNOWN, rests) if v is UNKNOWN else (not v, NONE)
        decisive = not isinstance(cond, All)  # False decides an `all`, True an `any`
        rests = []
        for item in cond.items:
            v, r = self.value(item)
            if v is decisive:
                return decisive, NONE
            if v is UNKNOWN:
                rests.append(r)
        return (UNKNOWN, NONE.union(*rests)) if rests else (not decisive, NONE)

    def derived(self, name: str) -> tuple:
        """A derived fact as a rule reading it sees it: true once a deriver holds, false once
        every deriver fails, else undecided on the open tests of the undecided derivers."""
        got = self._derived.get(name)
        if got is None:
            self._derived[name] = (UNKNOWN, NONE)  # rule sets are acyclic (validate); a guard all the same
            value, rests = False, []
            for i in self.rs.derivers.get(name, ()):
                v, r = self.value(self.rs.rules[i].when)
                if v is True:
                    value, rests = True, []
                    break
                if v is UNKNOWN:
                    value = UNKNOWN
                    rests.append(r)
            got = self._derived[name] = (value, NONE.union(*rests))
        return got

    def _compare(self, c: Cmp) -> tuple:
        if self.rs.facts[c.fact].kind == "derived":
            value, rests = self.derived(c.fact)
            if value is UNKNOWN:
                return UNKNOWN, rests
            return (True if c.op == "is" else value == c.value), NONE  # only `is: known` is valid on one
        if c.fact not in self.facts:
            return UNKNOWN, frozenset(((c.fact, c.op == "is"),))
        if c.op == "is":
            return c.value == "known", NONE
        return _TESTS[c.op](self.facts[c.fact], c.value), NONE


def undecided(rs: RuleSet, facts: dict) -> tuple[dict[int, frozenset], Open]:
    """({index: the open tests it rests on} for each rule of the cone whose condition is
    undecided over `facts` with every other input open; the reading, for what else a caller
    asks of it). Every other rule of the cone is fired, or fails, whatever is answered."""
    reading = Open(rs, facts)
    found = {}
    for i in cone(rs):
        value, rests = reading.value(rs.rules[i].when)
        if value is UNKNOWN:
            found[i] = rests
    return found, reading

