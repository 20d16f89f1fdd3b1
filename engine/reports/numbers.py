"""Numbers as the rule files wrote them, for every view that prints one.

Python's `:g` keeps six significant digits: a weight of 2.0000004 printed as "+2" and one
of 1234567 as "+1.23457e+06", while the rules add up the written values exactly. A number
here is printed whole: a whole number without ".0", any other as Python's shortest text
for it, which reads back as the same value; an exact value worked out from them (a score,
a share) in full as a decimal, or as a fraction where it has no finite decimal (`exact_text`).
"""
from __future__ import annotations

from ..pipeline.figures import float_text
from ..pipeline.rationals import lowest, ratio


def number_text(value) -> str:
    """`value` without rounding: 2, 2.5, 2.0000004, 1234567, 0.0000002. Never in exponent form
    (Python's 2e-07 for 0.0000002): no rule file or profile takes a number so written (PF407),
    so a what-if saying "-> 2e-07" named a value the person could not give."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else float_text(value)
    return str(value)


def signed_text(value) -> str:
    """number_text with its sign always shown, as an effect on evidence reads: +2, -0.5."""
    text = number_text(value)
    return text if text.startswith("-") else "+" + text


def exact_text(value: "tuple[int, int] | int | float") -> str:
    """An exact value in full, so that what is printed is the value itself and a comparison
    said with it is true as printed: 6.00004 is never "6". A decimal when it has one ("6.00004",
    "-0.5", "3"), else a fraction ("1/3"). `value`: an exact (numerator, denominator) pair, a
    Fraction or int, or a float from the rules (read as the decimal its author wrote, rationals.ratio)."""
    n, d = lowest(*value) if type(value) is tuple else ratio(value)
    twos = fives = 0
    rest = d
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:  # no finite decimal: the fraction, which is exact
        return f"{n}/{d}"
    places = max(twos, fives)
    units = n * 10 ** places // d  # exact: d divides 10**places
    if places == 0:
        return str(units)
    sign, whole = ("-" if units < 0 else ""), abs(units)
    return f"{sign}{whole // 10 ** places}.{whole % 10 ** places:0{places}d}"
