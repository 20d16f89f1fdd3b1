"""An input, in input facts alone, under which a conjunction of literals holds.

Why a search of its own: a term may test derived facts, and whether one holds, fails or
stays undecided is settled by the rules deriving it, as the engine settles it (compile.py):
a derived fact holds when a rule deriving it fires (one alternative of its condition
holds), and fails when every rule deriving it is refuted (one alternative of its negated
condition holds for each), a fact no rule derives failing for everyone; `is: known` holds
either way. So each derived fact the term tests is replaced by what makes it hold, or fail,
or, for `is: known`, either, one alternative at a time, down to input facts, where "some
value meets every literal" is the question lint's domains answer exactly (logic.py). An
input found so makes the term hold; taking a derived fact as free instead would claim
inputs under which it is refuted, or stays undecided and `is: known` waits.

The search is depth first, in rule and written order, holding before failing, and stops
at the first input found or after MAX_STEPS terms examined: past that, it answers none.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .logic import Lit, dnf, is_empty, term_domains
from .rules import Analysis

MAX_STEPS = 4096  # terms examined for one question at most; docs/authoring.md (PF232) says so


class Search:
    """Inputs for terms over one rule analysis (rules.Analysis); the negated conditions of
    the rules deriving a fact are worked out once, when a fact is first needed false."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.negated: dict[int, list | None] = {}

    def first(self, terms: Iterable[tuple[Lit, ...]]) -> tuple[Lit, ...] | None:
        """The first term in input facts alone that makes one of `terms` hold (in their
        order), or None when there is none or MAX_STEPS terms were examined first."""
        stack: list[Iterator] = [((t, ()) for t in terms)]
        steps = 0
        while stack:
            state = next(stack[-1], None)
            if state is None:
                stack.pop()
                continue
            steps += 1
            if steps > MAX_STEPS:
                return None
            term, refute = state
            if not self._possible(term):
                continue
            if refute:  # the next rule to refute, then the rest
                stack.append(_joined(term, self._negated(refute[0]) or (), refute[1:]))
                continue
            name = next((lit.cmp.fact for lit in term if self.a.facts[lit.cmp.fact].kind == "derived"), None)
            if name is None:
                return term
            stack.append(self._ways(term, name))
        return None

    def _ways(self, term: tuple, name: str) -> Iterator[tuple]:
        """`term` with derived fact `name` replaced by what makes it hold (each alternative of
        each rule deriving it that can fire), then by what makes it fail (every rule deriving
        it to refute), as far as the term lets it do either."""
        need = term_domains(tuple(lit for lit in term if lit.cmp.fact == name), self.a.facts)[name].need
        rest = tuple(lit for lit in term if lit.cmp.fact != name)
        ids = self.a.derivers.get(name, [])
        if "false" not in need:
            for r in ids:
                if self.a.terms[r] is not None and self.a.live[r]:
                    yield from _joined(rest, self.a.terms[r], ())
        if "true" not in need:
            yield rest, tuple(ids)

    def _possible(self, term: tuple) -> bool:
        """Some input may still meet every literal: no fact's domain is empty, and no derived
        fact is read as `not ... is known`, which the engine refuses to run (PF210)."""
        if any(lit.negated and lit.cmp.op == "is" and self.a.facts[lit.cmp.fact].kind == "derived" for lit in term):
            return False
        a = self.a
        return not any(is_empty(d, a.can_hold, a.can_fail) for d in term_domains(term, a.facts).values())

    def _negated(self, r: int) -> list | None:
        if r not in self.negated:
            self.negated[r] = dnf(self.a.rules[r].when, True)
        return self.negated[r]


def _joined(term: tuple, alternatives, refute: tuple) -> Iterator[tuple]:
    """`term` joined with each alternative in turn, `refute` still to do after it."""
    for t in alternatives:
        yield term + tuple(t), refute
