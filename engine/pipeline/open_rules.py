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

`Decision.missing` (explain/missing.py), `settled` (settle.py) and the interview's bound
(explain/progress.py) all read conditions this way, over the rules of one cone, so what
one lists the others count.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .firings import RunResult
from .model import All, Cmp, Cond, Not, RuleSet, facts_in, kept_with
from .policy import read_by_policy

if TYPE_CHECKING:
    from collections.abc import Callable, Set as AbstractSet

UNKNOWN = None
NONE: frozenset = frozenset()

_TESTS = {
    "equals": lambda v, x: v == x, "one_of": lambda v, x: v in x, "not_one_of": lambda v, x: v not in x,
    "lt": lambda v, x: v < x, "lte": lambda v, x: v <= x, "gt": lambda v, x: v > x,
    "gte": lambda v, x: v >= x, "contains": lambda v, x: x in v,
}
_CONE: dict[int, tuple] = {}  # id(rules) -> (rules, cone)
_PRESENCE: dict[int, tuple] = {}  # id(rules) -> (rules, the rules testing each input fact with `is`)
_BENEATH: dict[int, tuple] = {}  # id(rules) -> (rules, _presence_beneath)


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


def _presence_tests(rs: RuleSet) -> tuple[frozenset, dict]:
    """(the input facts some rule tests with `is`, {such a fact: the indices of the rules of
    the cone testing it so}), read off the rules once per rule set."""
    def build() -> tuple[frozenset, dict]:
        every: set = set()
        within: dict[str, tuple] = {}
        inside = set(cone(rs))
        for i, rule in enumerate(rs.rules):
            for name in dict.fromkeys(c.fact for c in facts_in(rule.when)
                                      if c.op == "is" and rs.facts[c.fact].kind == "input"):
                every.add(name)
                if i in inside:
                    within[name] = within.get(name, ()) + (i,)
        return frozenset(every), within
    return kept_with(rs.rules, _PRESENCE, build)


def _presence_beneath(rs: RuleSet) -> tuple[dict, tuple]:
    """({derived fact: the input facts tested with `is` by the rules deriving it, or beneath a
    derived fact they read, transitively}, the same per rule, in rule order), worked out once
    per rule set. Where all of those are known, the run read the fact or the rule exactly as
    `Open` does, no test it rests on being one of being known on an unknown fact."""
    def build() -> tuple[dict, tuple]:
        out: dict[str, frozenset] = {}

        def of_rule(i: int) -> frozenset:
            found: set = set()
            for c in facts_in(rs.rules[i].when):
                if rs.facts[c.fact].kind == "derived":
                    found |= beneath(c.fact)
                elif c.op == "is":
                    found.add(c.fact)
            return frozenset(found)

        def beneath(name: str) -> frozenset:
            if name not in out:
                out[name] = NONE  # rule sets are acyclic (validate); a guard all the same
                out[name] = NONE.union(*(of_rule(i) for i in rs.derivers.get(name, ())))
            return out[name]
        rules = tuple(of_rule(i) for i in range(len(rs.rules)))
        return out, rules
    return kept_with(rs.rules, _BENEATH, build)


class Open:
    """Conditions over the known `facts`, every other input fact open. An open test is kept
    as (fact, whether it is an `is` test); each derived fact is worked out once. `run`: the
    run on these facts, when there is one: a derived fact with no test
    of being known beneath it on an unknown fact reads here as that run settled it, read off
    it rather than worked out again (at 1,000 rules most of a person's derived facts are)."""

    def __init__(self, rs: RuleSet, facts: dict, run: RunResult | None = None):
        self.rs, self.facts, self.run = rs, facts, run
        self._derived: dict[str, tuple] = {}
        if run is not None:
            self._beneath, self.waiting = _presence_beneath(rs)[0], frozenset(run.waiting)

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
        if got is None and self.run is not None and self._beneath.get(name, NONE).issubset(self.facts):
            # the run read no test of being known on an unknown fact for it: its answer is this one
            if name in self.run.holds:
                got = self._derived[name] = (True, NONE)
            elif name in self.run.fails or self.waiting.isdisjoint(self.rs.derivers.get(name, ())):
                got = self._derived[name] = (False, NONE)  # no deriver unknown to the run, and none held
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


def undecided(rs: RuleSet, facts: dict, run: RunResult | None = None,
              reading: Callable[[], Open] | None = None) -> tuple[dict[int, frozenset], Open]:
    """({index: the open tests it rests on} for each rule of the cone whose condition is
    undecided over `facts` with every other input open; the reading, for what else a caller
    asks of it). Every other rule of the cone is fired, or fails, whatever is answered.
    `run`: the run on these facts, when there is one (`Open`); `reading`: gives an `Open` of
    these facts and run, shared with the caller, whose derived facts are then not worked out again."""
    reading = reading() if reading is not None else Open(rs, facts, run)
    found = {}
    beneath = _presence_beneath(rs)[1] if run is not None else None
    for i in cone(rs):
        if beneath is not None and i not in reading.waiting and beneath[i].issubset(facts):
            continue  # fired or failed in the run, which read it as here
        value, rests = reading.value(rs.rules[i].when)
        if value is UNKNOWN:
            found[i] = rests
    return found, reading


def presence_open(rs: RuleSet, facts: dict, run: RunResult | None = None, first: bool = False,
                  beyond: AbstractSet[str] | None = None, reading: Callable[[], Open] | None = None) -> list[str]:
    """The unknown input facts, by name, that a rule of the cone tests with `is: known` /
    `is: unknown` in an undecided part of its condition (over `facts`, every other input
    open). Answering one, or leaving it unknown, can turn that test over and move the rule:
    a rule that fired on it may fire no longer, one that failed may fire. Every other such
    test sits in a rule outside the cone, or in a part of its condition the known facts
    decide, and no answers to any facts can move a rule through it. `run`: the run on these
    facts, when there is one (`Open`); `first`: stop at the first rule giving one (whether
    there is any is all settle.is_settled asks); `beyond`: stop at the first rule giving one
    not in it (whether there is such a one is what the interview asks once questions were left
    unknown), so that where none is found the list is whole; `reading`: as `undecided` takes it."""
    every, within = _presence_tests(rs)
    if facts.keys() >= every:  # every fact tested with `is` is known: none turns (read off the
        return []              # dict's keys: `issubset` would first copy them into a set)
    reading = reading() if reading is not None else Open(rs, facts, run)
    found: set[str] = set()
    stop = NONE if first else beyond
    for i in sorted({i for name, rules in within.items() if name not in facts for i in rules}):
        _, rests = reading.value(rs.rules[i].when)
        found |= {name for name, presence in rests if presence}
        if stop is not None and not found.issubset(stop):
            break
    return sorted(found)
