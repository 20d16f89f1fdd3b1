"""`combine: certainty`: evidence values are certainty factors in [-1, 1],
combined per outcome as EMYCIN combined them, exactly (Fractions).

    both positive:  x + y - x·y
    both negative:  x + y + x·y
    mixed:          (x + y) / (1 - min(|x|, |y|))

Why grouping: the mixed formula on its own does not look associative, and a
figure pathfit prints must not depend on the order the rules fired in. So all
positive factors are combined together, all negative factors together (each
group is associative and commutative), and the two results once with the
mixed formula: the result depends only on the multiset of factors, by
construction. (Folding one factor at a time in any order happens to give the
same value, because the three formulas multiply likelihood ratios in disguise:
lambda = 1 / (1 - CF) for CF >= 0, 1 + CF below; tests/test_certainty.py checks
both against a reference written from the formulas.)

A factor of 1 and one of -1 for the same outcome have no combination (the mixed
formula divides by zero); validation refuses a rule set in which both are
written for one outcome (PF223), so they can never meet here.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Iterable

from ..record import Record


class Belief(Record):
    """The positive and negative factors seen so far for one outcome, each group combined."""

    __slots__ = ()

    def __new__(cls, positive: Fraction = Fraction(0), negative: Fraction = Fraction(0)) -> Belief:
        return tuple.__new__(cls, (positive, negative))

    def add(self, factor: Fraction) -> "Belief":
        if factor > 0:
            return Belief(self.positive + factor - self.positive * factor, self.negative)
        return Belief(self.positive, self.negative + factor + self.negative * factor)

    @property
    def value(self) -> Fraction:
        """The outcome's certainty: the two groups joined once with the mixed formula."""
        p, n = self.positive, self.negative
        if n == 0:
            return p
        if p == 0:
            return n
        return (p + n) / (1 - min(p, -n))


def combine(factors: Iterable[Fraction]) -> Fraction:
    """The certainty the factors give together; independent of their order."""
    belief = Belief()
    for f in factors:
        belief = belief.add(f)
    return belief.value


def telescoped(factors: list[tuple[str, Fraction]]) -> list[tuple[str, Fraction]]:
    """Each (rule, factor)'s share of combine(all factors), in the order given (rule
    id order, so canonical): what adding it changed. The shares add up to the
    combined value exactly; a positive factor's share is never negative and a
    negative factor's never positive, because the combined value rises with every
    positive factor and falls with every negative one."""
    belief, before, out = Belief(), Fraction(0), []
    for rule, factor in factors:
        belief = belief.add(factor)
        out.append((rule, belief.value - before))
        before = belief.value
    return out
