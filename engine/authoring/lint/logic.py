"""Conditions as sets of possible values, so lint can decide statically what can hold.

Why a second normaliser next to the compiler's: the compiler's DNF is built for
durable-rules (tests on fact dictionaries) and throws away which comparison an
atom came from. Lint needs the opposite: every literal keeps the comparison it
was written as (to point at its line and column), and each fact's literals are
merged into a *domain* (the values still possible) so that "can this ever hold"
is a question about an empty set, with the semantics the engine runs:

- a comparison on an input fact holds only for a known value; its negation is a
  positive test on a known value (`not x = a` is `x known and x != a`);
- `is: known|unknown` tests presence; a set's member test needs the set known;
- a derived fact holds when a deriver fires, fails when every deriver is refuted.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from ...pipeline.model import All, Cmp, Cond, FactDef, Not
from ...reports.numbers import number_text

MAX_TERMS = 256  # beyond this a condition is not analysed (the compiler refuses 64 anyway)


class Lit(NamedTuple):
    """One comparison as it is evaluated: possibly negated by enclosing `not`s."""

    cmp: Cmp
    negated: bool

    def describe(self) -> str:
        return f"not ({self.cmp.describe()})" if self.negated else self.cmp.describe()


def dnf(cond: Cond, negated: bool = False) -> list[tuple[Lit, ...]] | None:
    """Negation normal form, then disjunctive normal form, in written order.
    None when the expansion is larger than MAX_TERMS (then nothing is claimed)."""
    if isinstance(cond, Cmp):
        return [(Lit(cond, negated),)]
    if isinstance(cond, Not):
        return dnf(cond.item, not negated)
    parts = [dnf(item, negated) for item in cond.items]
    if any(p is None for p in parts):
        return None
    if isinstance(cond, All) != negated:  # a conjunction
        terms: list[tuple] = [()]
        for p in parts:
            terms = [a + b for a in terms for b in p]
            if len(terms) > MAX_TERMS:
                return None
        return terms
    flat = [t for p in parts for t in p]
    return flat if len(flat) <= MAX_TERMS else None


def literals(cond: Cond, negated: bool = False) -> list[Lit]:
    """Every comparison with the polarity it is evaluated under, in written order."""
    if isinstance(cond, Cmp):
        return [Lit(cond, negated)]
    if isinstance(cond, Not):
        return literals(cond.item, not negated)
    return [lit for item in cond.items for lit in literals(item, negated)]


# -- domains -------------------------------------------------------------------------

class Domain:
    """The values of one fact still possible under a conjunction of literals.

    presence: None (either), True (known), False (unknown), or _CLASH (both asked).
    allowed: enum/bool values still possible; lo/hi (+ inclusive flags) and
    excluded points for numbers; members: set member -> required truth;
    need: for derived facts, "true", "false" or "known" requirements.
    """

    __slots__ = ("fact", "presence", "allowed", "lo", "lo_in", "hi", "hi_in", "excluded", "members", "need")

    def __init__(self, fact: FactDef):
        self.fact = fact
        self.presence: bool | None = None
        self.allowed: frozenset | None = None
        if fact.kind != "derived" and fact.type in ("enum", "bool"):
            self.allowed = frozenset(fact.values) if fact.type == "enum" else frozenset((True, False))
        self.lo, self.lo_in = fact.minimum, True
        self.hi, self.hi_in = fact.maximum, True
        self.excluded: frozenset = frozenset()
        self.members: dict = {}
        self.need: frozenset = frozenset()

    def copy(self) -> "Domain":
        other = Domain.__new__(Domain)
        for slot in Domain.__slots__:
            setattr(other, slot, getattr(self, slot))
        other.members = dict(self.members)
        return other

    def add(self, lit: Lit) -> "Domain":
        """A new domain narrowed by one literal (self is left unchanged)."""
        d = self.copy()
        c, neg, f = lit.cmp, lit.negated, self.fact
        if f.kind == "derived":
            if c.op == "is":
                d.need = d.need | ({"known"} if not neg else set())  # `not is known` is refused by compile
            else:
                d.need = d.need | {"true" if bool(c.value) != neg else "false"}
            return d
        if c.op == "is":
            d.presence = _meet(d.presence, (c.value == "known") != neg)
            return d
        d.presence = _meet(d.presence, True)
        if f.type == "set":
            want = not neg
            if d.members.get(c.value, want) != want:
                d.members[c.value] = None  # both required: contradiction
            else:
                d.members[c.value] = want
        elif f.type in ("enum", "bool"):
            if c.op == "equals":
                chosen = frozenset((c.value,))
            else:
                chosen = frozenset(c.value)
                if c.op == "not_one_of":
                    chosen = d.allowed_all() - chosen
            if neg:
                chosen = d.allowed_all() - chosen
            d.allowed = d.allowed & chosen
        else:
            d._number(c.op, c.value, neg)
        return d

    def allowed_all(self) -> frozenset:
        return frozenset(self.fact.values) if self.fact.type == "enum" else frozenset((True, False))

    def _number(self, op: str, v, neg: bool) -> None:
        if op == "equals":
            if neg:
                self.excluded = self.excluded | {v}
            else:
                self._lower(v, True)
                self._upper(v, True)
            return
        flip = {"lt": "gte", "lte": "gt", "gt": "lte", "gte": "lt"}
        op = flip[op] if neg else op
        if op in ("lt", "lte"):
            self._upper(v, op == "lte")
        else:
            self._lower(v, op == "gte")

    def _lower(self, v, inclusive: bool) -> None:
        if v > self.lo or (v == self.lo and not inclusive):
            self.lo, self.lo_in = v, inclusive

    def _upper(self, v, inclusive: bool) -> None:
        if v < self.hi or (v == self.hi and not inclusive):
            self.hi, self.hi_in = v, inclusive

    # -- questions ---------------------------------------------------------------

    def empty(self, can_hold: bool = True, can_fail: bool = True) -> bool:
        """No value satisfies every literal (derived facts: given what can be established)."""
        f = self.fact
        if f.kind == "derived":
            if "true" in self.need and "false" in self.need:
                return True
            if "true" in self.need and not can_hold:
                return True
            if "false" in self.need and not can_fail:
                return True
            return "known" in self.need and not (can_hold or can_fail)
        if self.presence is False:
            return False  # any value test would have clashed with `is unknown` already
        if f.type == "set":
            return None in self.members.values()
        if f.type in ("enum", "bool"):
            return not self.allowed
        if f.type == "number":
            return self.number_choices(1) == []
        return False

    def int_bounds(self) -> tuple[int, int]:
        """The smallest and largest whole number inside the interval (start > stop: none)."""
        lo, hi = self.lo, self.hi
        start = math.ceil(lo) if self.lo_in or lo != math.ceil(lo) else int(lo) + 1
        stop = math.floor(hi) if self.hi_in or hi != math.floor(hi) else int(hi) - 1
        return start, stop

    def number_choices(self, limit: int) -> list:
        """Up to `limit` values the number may take (an empty list: none)."""
        lo, hi = self.lo, self.hi
        if self.fact.integer:
            start, stop = self.int_bounds()
            found, v = [], start
            while v <= stop and len(found) < limit:
                if v not in self.excluded:
                    found.append(v)
                v += 1
            return found
        if lo > hi or (lo == hi and not (self.lo_in and self.hi_in)):
            return []
        if lo == hi:
            return [] if lo in self.excluded else [lo]
        # evenly spaced inner points, one more for each excluded point inside, so that
        # `limit` of them are values the number may really take
        spaced = limit + sum(1 for x in self.excluded if lo < x < hi)
        inner = (lo + (hi - lo) * k / (spaced + 1) for k in range(1, spaced + 1))
        return [v for v in inner if v not in self.excluded][:limit]

    def total_when_known(self) -> bool:
        """Every known value satisfies the literals (so the test only asks `is known`)."""
        f = self.fact
        if f.kind == "derived" or f.type in ("set", "bool") or self.presence is False:
            return False
        if f.type == "enum":
            return self.allowed == self.allowed_all()
        return (self.lo, self.lo_in, self.hi, self.hi_in) == (f.minimum, True, f.maximum, True) and \
            not any(f.minimum <= x <= f.maximum for x in self.excluded)

    def canonical(self) -> tuple:
        """The same tuple for domains that admit the same values (for duplicate detection)."""
        f = self.fact
        if f.kind == "derived":
            return ("derived",) + tuple(sorted(self.need))
        if self.presence is False:
            return ("unknown",)
        if self.presence is None:
            return ("any",)
        if f.type == "set":
            return ("set",) + tuple(sorted(self.members.items()))
        if f.type in ("enum", "bool"):
            return ("values",) + tuple(sorted(self.allowed, key=repr))
        if f.integer:
            start, stop = self.int_bounds()
            holes = tuple(sorted(x for x in self.excluded if x == int(x) and start <= x <= stop))
            return ("ints", start, stop, holes)
        excluded = tuple(sorted(x for x in self.excluded if self.lo <= x <= self.hi))
        return ("range", self.lo, self.lo_in, self.hi, self.hi_in, excluded)


def _meet(a, b: bool):
    """Combine presence requirements; a clash is recorded as a sentinel that stays a clash."""
    if a is None or a == b:
        return b
    return _CLASH


_CLASH = object()  # `is known` and `is unknown` (or a value test) on one fact


def presence_clash(d: Domain) -> bool:
    return d.presence is _CLASH


def term_domains(term: tuple[Lit, ...], facts: dict) -> dict[str, Domain]:
    domains: dict[str, Domain] = {}
    for lit in term:
        name = lit.cmp.fact
        domains[name] = (domains.get(name) or Domain(facts[name])).add(lit)
    return domains


def is_empty(d: Domain, can_hold: dict, can_fail: dict) -> bool:
    if presence_clash(d):
        return True
    name = d.fact.name
    return d.empty(can_hold.get(name, True), can_fail.get(name, True))


def satisfiable(terms: list[tuple[Lit, ...]], facts: dict, can_hold: dict, can_fail: dict) -> bool:
    return any(all(not is_empty(d, can_hold, can_fail) for d in term_domains(t, facts).values()) for t in terms)


def domain_words(fact: FactDef) -> str:
    """What values a fact can take, in words, for messages: its bounds as the schema must
    write them (number_text: 0.0000001, never 1e-07)."""
    if fact.type == "number":
        whole = "a whole number " if fact.integer else ""
        return f"{fact.name} is {whole}from {number_text(fact.minimum)} to {number_text(fact.maximum)}"
    if fact.type in ("enum", "set"):
        return f"{fact.name} takes {', '.join(map(str, fact.values))}"
    return f"{fact.name} is true or false"


def another_derived_fact(name: str, derived: Iterable[str]) -> str:
    """PF704's did-you-mean: a derived fact some rule derives (of `derived`, the names rules
    derive, a valued one's as `pace=fast`) whose name is close to the one read, by the name a
    rule writes. Never another value of the same valued fact: the value read is one the schema
    declares, no misspelling, and `pace=fast` is not how a rule names it."""
    from ...errors import did_you_mean  # loaded for a message only

    read = name.split("=", 1)[0]
    return did_you_mean(read, {n.split("=", 1)[0] for n in derived} - {read})
