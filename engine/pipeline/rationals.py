"""Exact values: a number from the rules as the rational its author wrote, and the
integer arithmetic the decision does on them.

One owner for the conversion, so deciding, settling and explaining cannot disagree on
what a weight or a threshold is.
"""
from __future__ import annotations

import math
import sys
from functools import lru_cache


@lru_cache(maxsize=4096, typed=True)
def ratio(number) -> tuple[int, int]:
    """A number from the rules (an evidence weight, a decision threshold) as an
    exact rational, (numerator, denominator > 0) in lowest terms: the decimal the
    author wrote, so 0.1 is (1, 10), not the binary float nearest to it.

    Why here: every stage that does arithmetic on weights (decide, settle,
    explain) converts through this one function, so they cannot disagree.
    YAML hands over a float; its shortest round-tripping decimal (repr) is the
    written text whenever that has at most 15 significant digits. Whole numbers
    rather than a Fraction: a decision adds and compares them in integer
    arithmetic (decide, settle, policy.holds), and importing `fractions`, with the
    `decimal` it imports, cost every start of the command line about 9 M
    instructions, 3% of a `recommend`. Typed, so a bool is refused every time."""
    fractions = sys.modules.get("fractions")  # a Fraction exists only once its module is imported
    if fractions is not None and isinstance(number, fractions.Fraction):
        return number.as_integer_ratio()
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise TypeError(f"not a number: {number!r}")
    if isinstance(number, int):
        return number, 1
    text = repr(float(number))  # "-0.5", "1e-05", "2.5e+16"; "inf" and "nan" are refused below
    mantissa, _, exponent = text.partition("e")
    whole, _, digits = mantissa.partition(".")
    if not (whole.lstrip("-").isdigit() and (digits.isdigit() or not digits)):
        raise ValueError(f"not a finite number: {number!r}")
    numerator = int(whole + digits)
    shift = (int(exponent) if exponent else 0) - len(digits)
    if shift >= 0:
        return numerator * 10 ** shift, 1
    return lowest(numerator, 10 ** -shift)


def lowest(numerator: int, denominator: int) -> tuple[int, int]:
    """numerator / denominator (not 0) in lowest terms, the denominator made positive:
    the one form of an exact value, so equal values are equal pairs."""
    g = math.gcd(numerator, denominator)
    if denominator < 0:
        g = -g
    return numerator // g, denominator // g


@lru_cache(maxsize=4096, typed=True)
def exact(number):
    """`ratio(number)` as a Fraction, for the stages that do arithmetic in fractions (the
    certainty factors, in decide and settle under `combine: certainty`): imported here, on first use."""
    from fractions import Fraction

    if isinstance(number, Fraction):
        return number
    return Fraction(*ratio(number))


def common_unit(ratios) -> int:
    """The least common multiple of the exact values' denominators ((n, d) pairs; 1 for
    none): sums taken in whole numbers of 1/unit are the same exact values as adding
    the fractions, without a reduction to lowest terms per addition (decide and settle
    add many)."""
    return math.lcm(*{d for _, d in ratios}) if ratios else 1


def in_units(value: tuple[int, int], unit: int) -> int:
    """An exact value (n, d) as a whole number of 1/unit (unit from common_unit)."""
    return value[0] * (unit // value[1])
