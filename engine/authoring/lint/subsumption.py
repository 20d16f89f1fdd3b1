"""Lint: a rule that a more general rule makes redundant (PF720, "subsumption").

Rule A is reported when, for every person, (1) A fires only where another rule B fires, and
(2) A does nothing that B does not do already, so without A every derived fact, score,
outcome, referral and format is the same.

(1) is decided on the conditions' normal forms (rules.Analysis.forms, built on logic.py's
domains, the ones PF709 compares): a rule fires when one alternative of its condition, a
conjunction of comparisons, is true in the engine's three-valued logic, so it is enough that
each alternative of A that can hold admits, fact by fact, only values that one alternative
of B admits (`includes`). Derived facts are taken as free to hold, fail or stay undecided
whatever the inputs, which only keeps claims back. The test is sufficient, not complete:
it misses an alternative of A covered only by two of B's together (`x is known` by
`x < 3` or `x >= 3`), and what the rules deriving a fact say about it.

(2) is pipeline.effects.adds_nothing: evidence is never nothing. A derived fact also fails
when every rule deriving it is refuted, so with A gone a fact A derives would fail wherever
B's condition is false: where A derives, B false must make A false too, the same test on
the negated conditions (`not ... is known` on a derived fact is never true: the fact may
still be settled), or nothing is claimed. Nor is it claimed of a rule the policy can read
(a referral, not now, a derived fact) that tests whether an input is known, in its condition
or beneath a derived fact it reads: it keeps a decision provisional while that input is
unanswered (pipeline/settle.py), which without it could be settled. Nor of a rule needing a
derived fact false, or deriving a fact whose refutation needs one false: a derived fact is
refuted only where some rule needs it false (compile._refutable), so without the rule a fact
could stay undecided where it failed.

Left to other codes: the same conditions (PF709) and a rule written twice under one id
(PF206). Two rows of one decision table are left to its hit policy: `unique` and `any`
tables have their overlap checks (PF228, PF229), and in a `first` table no live row can
fire only where another fires (each row holds the negation of the rows before it); rows
of a `collect` table are judged as rules are. A row of a `first` table other than its last
is never called redundant: without it the rows after it would match more people; nor is a
row of a `complete` table covered only by a rule outside it, whose table would then leave
inputs to no row (PF230).
"""
from __future__ import annotations

from typing import Callable

from ...errors import Collector
from .check import VALID, Check, Context
from .logic import dnf
from .rules import Analysis, analysis
from .tables import tables_of
from ...pipeline.effects import adds_nothing
from ...pipeline.compile import needed_false
from ...pipeline.model import Rule, RuleSet, facts_in
from ...quote import quote

_ALL = ("any",)
_STATES = {"true": {True}, "false": {False}, "known": {True, False}}  # a derived fact's need -> states it allows


def includes(general: tuple, specific: tuple) -> bool:
    """Whether every value a domain of canonical form `specific` admits (logic.Domain.canonical),
    `general` admits too. False where unsure: an end point excluded by a hole is not read as
    the next value (`ints 3..5 without 3` is not seen inside `ints 4..5`)."""
    if general == specific or general == _ALL:
        return True
    kind = general[0]
    if kind != specific[0]:
        return False
    if kind == "derived":  # needs -> the states allowed, of true, false and undecided (None)
        return _states(specific[1:]) <= _states(general[1:])
    if kind == "values":
        return set(specific[1:]) <= set(general[1:])
    if kind == "set":  # members that must be in (or out): the general form's, and maybe more
        return set(general[1:]) <= set(specific[1:])
    if kind == "ints":
        (g_lo, g_hi, g_holes), (s_lo, s_hi, s_holes) = general[1:], specific[1:]
        return g_lo <= s_lo and s_hi <= g_hi and all(x in s_holes for x in g_holes if s_lo <= x <= s_hi)
    if kind == "range":
        (g_lo, g_lo_in, g_hi, g_hi_in, g_out), (s_lo, s_lo_in, s_hi, s_hi_in, s_out) = general[1:], specific[1:]
        inside = (g_lo < s_lo or g_lo == s_lo and (g_lo_in or not s_lo_in)) and \
            (s_hi < g_hi or s_hi == g_hi and (g_hi_in or not s_hi_in))
        return inside and all(x in s_out for x in g_out if s_lo <= x <= s_hi)
    return False


def _states(needs: tuple) -> set:
    allowed = {True, False, None}
    for need in needs:
        allowed &= _STATES[need]
    return allowed


def implies(specific: frozenset, general: frozenset) -> bool:
    """Whether every alternative of `specific` lies inside one alternative of `general`
    (forms as Analysis.forms gives them: a fact a form leaves out takes any value)."""
    return all(any(all(includes(domain, dict(s).get(name, _ALL)) for name, domain in g) for g in general)
               for s in specific)


class Redundancy:
    """The rules one rule set's analysis shows redundant, each with the rule that covers it."""

    def __init__(self, a: Analysis, rs: RuleSet):
        self.a, self.rs = a, rs  # rs: the rule set, for what its compiling refutes (_refutes)
        self.negated: dict[int, frozenset | None] = {}
        self.reads: dict[int, tuple] = {}
        self.asks: dict[int, bool] = {}
        self.refutes: dict[int, bool] = {}
        self.by_effect: dict[tuple, set[int]] = {}
        for j, rule in enumerate(a.rules):
            for key in _keys(rule.then):
                self.by_effect.setdefault(key, set()).add(j)
        order = sorted(range(len(a.rules)), key=lambda j: _place(a.rules[j]))
        self.rank = {j: k for k, j in enumerate(order)}

    def candidates(self, i: int) -> list[int]:
        """The rules giving every effect rule i gives (none where it gives evidence), in written order."""
        then = self.a.rules[i].then
        if then.evidence or self.a.canonical(i) is None or (then.derive or then.refer or then.not_now) and self._asks(i):
            return []
        keys = _keys(then)
        found = set.intersection(*(self.by_effect.get(k, set()) for k in keys)) if keys else set()
        return sorted(found - {i}, key=self.rank.__getitem__)

    def covers(self, j: int, i: int) -> bool:
        """Rule j covers rule i: i fires only where j fires, and does nothing j does not do."""
        rule, other = self.a.rules[i], self.a.rules[j]
        mine, theirs = self.a.canonical(i), self.a.canonical(j)
        if theirs is None or mine == theirs or rule.id == other.id:
            return False
        # a cheap refusal first: an alternative of j covers one of i only if it reads none but facts i reads
        read, alternatives = self._reads(i)[0], self._reads(j)[1]
        if not any(g <= read for g in alternatives) or not adds_nothing(rule.then, other.then) or \
                not implies(mine, theirs) or self._refutes(i):
            return False
        if not rule.then.derive:
            return True
        refuted, refutes = self._negated(j), self._negated(i)  # j false must make i false
        return refuted is not None and refutes is not None and implies(refuted, refutes)

    def _asks(self, i: int) -> bool:
        """Whether rule i tests an input fact with `is`, in its condition or beneath a derived
        fact it reads: a decision the rule can matter to is then provisional while that input
        is unanswered (pipeline/settle.py: such a test turns over), so without the rule the
        same person could be given a settled decision, with a confidence figure."""
        if i not in self.asks:
            self.asks[i] = False  # rule sets found valid are acyclic: a guard all the same
            facts, derivers = self.a.facts, self.a.derivers
            self.asks[i] = any(c.op == "is" if facts[c.fact].kind != "derived" else
                               any(self._asks(k) for k in derivers.get(c.fact, ())) for c in facts_in(self.a.rules[i].when))
        return self.asks[i]

    def _refutes(self, i: int) -> bool:
        """Whether rule i can be why a derived fact's failure is established: pathfit refutes a
        derived fact only where a rule needs it false (compile._refutable), so a rule whose
        condition needs one false (`equals: false`, under `not`, `is: known`), or one deriving a
        fact whose refutation needs one false, may be all that makes that fact fail: without it
        the fact would stay undecided for people for whom it failed."""
        if i not in self.refutes:
            rule = self.a.rules[i]
            self.refutes[i] = any(self.a.facts[c.fact].kind == "derived" for c in facts_in(rule.when)) and \
                bool(needed_false(rule, self.rs) or rule.then.derive and needed_false(rule, self.rs, True))
        return self.refutes[i]

    def _reads(self, i: int) -> tuple:
        """(every fact rule i's alternatives read, the facts each reads)."""
        if i not in self.reads:
            alternatives = [frozenset(name for name, _ in form) for form in self.a.canonical(i)]
            self.reads[i] = frozenset().union(*alternatives), alternatives
        return self.reads[i]

    def _negated(self, i: int) -> frozenset | None:
        if i not in self.negated:
            terms = dnf(self.a.rules[i].when, True)
            facts = self.a.facts
            self.negated[i] = None if terms is None else self.a.forms(
                [t for t in terms if not any(lit.negated and lit.cmp.op == "is" and facts[lit.cmp.fact].kind == "derived"
                                             for lit in t)])
        return self.negated[i]

    def found(self, apart: Callable[[Rule, Rule], bool]) -> list[tuple[int, int]]:
        """(redundant rule, the first rule covering it), each redundant rule once, of pairs
        `apart` says are for this check; of two rules covering each other, the later written."""
        pairs = []
        for i, rule in enumerate(self.a.rules):
            for j in self.candidates(i):
                other = self.a.rules[j]
                if self.covers(j, i) and not (self.rank[j] > self.rank[i] and self.covers(i, j)) and apart(rule, other):
                    pairs.append((i, j))
                    break
        return pairs


def _place(rule: Rule) -> tuple:
    return rule.pos.file, rule.pos.line, rule.pos.col, rule.id


def _keys(then) -> list[tuple]:
    """Each thing a rule's effects do, but evidence: what a rule covering it must do too."""
    return ([("derive", d) for d in then.derive] + [("suggest", f) for f in then.suggest] +
            [("refer", then.refer)] * (then.refer is not None) + [("not_now",)] * then.not_now)


def _redundant(ctx: Context, out: Collector) -> None:
    a = analysis(ctx)
    tables: list[dict] = []  # row id -> (table id, hit policy, is the last row), read when first asked

    def apart(rule: Rule, other: Rule) -> bool:
        """Not two rows of one table whose hit policy answers for them, nor a row of a `first`
        table before its last: without it, the rows after it would match more; nor a row of a
        `complete` table covered from outside it: without it, the table would leave inputs to
        no row, which PF230 refuses."""
        if not tables:
            tables.append({row.rule_id: (t.id, t.hit, row is t.rows[-1], t.complete)
                           for t in tables_of(ctx) for row in t.rows})
        mine = tables[0].get(rule.id)
        if mine is None:
            return True
        theirs = tables[0].get(other.id)
        if theirs is None or mine[0] != theirs[0]:
            return (mine[1] != "first" or mine[2]) and not mine[3]
        return (mine[1] != "first" or mine[2]) and mine[1] == "collect"

    for i, j in Redundancy(a, ctx.ruleset).found(apart):
        rule, other = a.rules[i], a.rules[j]
        out.add("PF720", f"rule {quote(rule.id)} fires only where {quote(other.id)} ({other.pos.file}:{other.pos.line}) "
                         f"fires, and {quote(other.id)} already does all it does: without it every derived fact, score, "
                         "outcome, referral and format is the same", rule.pos, "warning")


SUBSUMED = Check(
    "subsumed", {"PF720": "warning"},
    "rules that fire only where another fires and add nothing to it", VALID, _redundant)
CHECKS = (SUBSUMED,)
