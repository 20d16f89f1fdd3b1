"""Exact values as pathfit prints them: rounded half to even in integer arithmetic, so
that a printed confidence is the exact value's own rounding, never a float's, and a
person adding up the printed shares gets the printed confidence.

Kept apart from deciding (decide.py): how a figure is written changes for reasons of its
own (a view, a record's format), and views that only print figures (a record read back,
the explanation tree) need none of the arithmetic that decides.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .rationals import lowest, ratio

if TYPE_CHECKING:
    from .decide import Verdict

JSON_PLACES = 4  # decimal places of every confidence figure in JSON (Decision.to_dict)
TEXT_PLACES = 2  # ... and in text and Markdown


def pair(x) -> tuple[int, int]:
    """An exact value as (numerator, denominator) in lowest terms: a pair as it is, a
    Fraction or an int by its own ratio."""
    return x if type(x) is tuple else x.as_integer_ratio()


def ratio_text(value: tuple[int, int]) -> str:
    """An exact value as text, as a Fraction prints: "5/7", "2", "-1/2"."""
    n, d = value
    return str(n) if d == 1 else f"{n}/{d}"


def ratio_of_text(text: str) -> tuple[int, int]:
    """The exact value `ratio_text` wrote."""
    n, _, d = text.partition("/")
    return lowest(int(n), int(d or 1))


def float_at(x, places: int) -> float:
    """`float(round(x, places))` (half to even) of an exact value (n, d) or Fraction, in
    integer arithmetic: every score of every trace is rounded so, and Fraction's own
    rounding builds two fractions."""
    numerator, denominator = pair(x)
    scale = 10 ** places
    return _half_even(numerator * scale, denominator) / scale


def places_text(x, places: int) -> str:
    """An exact value (n, d) or Fraction rounded to `places` decimals (half to even), exactly,
    as text: "0.52", "-0.10", "3"."""
    numerator, denominator = pair(x)
    return _decimal_text(_half_even(numerator * 10 ** places, denominator), places)


def signed_share(shown: str, sign: int) -> str:
    """A reason's share as every view prints it: `shown`, its digits as rounded, with the sign
    of the value it was rounded from (`sign`: 1, -1 or 0). Why not the rounded figure's own
    sign: a share that takes away less than half a unit rounds to zero, and "+0.00" would say
    it adds. "+" adds, "-" takes away ("-0.00" too), no sign is exactly 0 (or, in a view that
    has only a recorded figure of 0, a sign the record cannot tell)."""
    return ("+" if sign > 0 else "-" if sign < 0 else "") + shown.lstrip("+-")


def telling_apart(exact: list, places: int) -> int:
    """The fewest decimal places, `places` or more, at which no two neighbours of `exact` (exact
    values as (n, d), strongest first, as a ranking lists them) that differ print the same. Why:
    ranks come from the exact scores, so 2.004 and 2.001 rank 1 and 2; printed 2.00 and 2.00,
    under a heading that says equal scores share a rank, they would read as a tie ranked apart.
    Equal values print the same at any places; differing ones apart at enough (rounding half to
    even never reorders), so this ends."""
    values = [pair(x) for x in exact]
    differ = [i for i in range(len(values) - 1)
              if values[i][0] * values[i + 1][1] != values[i + 1][0] * values[i][1]]
    while True:
        shown = [_half_even(n * 10 ** places, d) for n, d in values]
        if all(shown[i] != shown[i + 1] for i in differ):
            return places
        places += 1


def rounded(v: Verdict, places: int) -> tuple[str, str, tuple]:
    """(confidence, baseline, ((rule, contribution), ...)) rounded to `places`, as text,
    so that baseline + sum(contributions) == confidence exactly at that
    precision: each contribution is rounded down, then the units still missing
    go to the largest remainders (ties by rule id). Why: a person adding up
    the printed shares must get the printed confidence. A contribution moves
    by less than one unit and never changes sign (it can show as zero, whose
    sign a view takes from the exact value: signed_share)."""
    confidence, baseline, shares = rounded_units(v, places)
    return (_decimal_text(confidence, places), _decimal_text(baseline, places),
            tuple((r, _decimal_text(n, places)) for r, n in shares))


def rounded_units(v: Verdict, places: int) -> tuple[int, int, tuple]:
    """`rounded` counted in units of 10**-places, in integer arithmetic: the same
    figures, without building a fraction or a decimal for each share (an audited
    record holds every share)."""
    scale = 10 ** places
    confidence = _half_even(v.confidence_ratio[0] * scale, v.confidence_ratio[1])
    baseline = _half_even(v.baseline_ratio[0] * scale, v.baseline_ratio[1])
    denominator, shares = v.units()  # one denominator: remainders compare as they are
    floors, remainders = [], []
    for rule, n in shares:
        q, r = divmod(n * scale, denominator)  # q: the share in units, rounded down (toward minus infinity)
        floors.append(q)
        remainders.append(r)
    missing = confidence - baseline - sum(floors)
    assert 0 <= missing <= len(floors), (v, places)
    if missing:
        for i in sorted(range(len(floors)), key=lambda i: (-remainders[i], shares[i][0]))[:missing]:
            floors[i] += 1
    return confidence, baseline, tuple((rule, f) for (rule, _), f in zip(shares, floors))


def _half_even(numerator: int, denominator: int) -> int:
    """round(numerator / denominator), half to even, as Fraction's round gives it."""
    q, r = divmod(numerator, denominator)
    if 2 * r > denominator or (2 * r == denominator and q % 2):
        q += 1
    return q


# After the figure of a settled decision whose evidence an answer not yet given could still move
# (docs/decision.md, "Settled or provisional"): settled speaks of the advice, not the figure.
ON_ANSWERS_GIVEN = "(on the answers given: answers not yet given might move it, but not the recommendation)"
# ... and of a record that cannot tell whether one could
OPEN_NOT_RECORDED = "(whether answers not given could move it is not recorded)"
# Of a settled figure that stays, whose reasons' shares an answer not yet given might change
SHARES_ON_ANSWERS_GIVEN = "the shares are on the answers given: answers not yet given might change them"


def confidence_phrase(confidence: float, settled: bool | None, exact=None, open_: bool | None = False) -> str:
    """The confidence as any view may print it: never a figure while answers to
    open questions could still change the advice (see docs/decision.md).
    `settled` is None for a record made before pathfit recorded it. With `exact` (a view
    of a decision in hand, not read back from JSON: (n, d) or a Fraction), the figure
    `recommend` prints from it. `open_`, of a settled decision: whether an answer not yet
    given could still move the figure (wording.confidence_open of a decision in hand,
    `record_open` of a record), None where that cannot be told; as `recommend` says it."""
    if settled is False:
        return "provisional: no confidence given"
    figure = f"confidence {figure_text(confidence) if exact is None else places_text(exact, TEXT_PLACES)}"
    if not settled:
        return f"{figure} (whether it was settled is not recorded)"
    if open_ is None:
        return f"{figure} {OPEN_NOT_RECORDED}"
    return f"{figure} {ON_ANSWERS_GIVEN}" if open_ else figure


def figure_text(figure: float) -> str:
    """A confidence as JSON gives it (at JSON_PLACES) in the words of a view that has only
    that figure (a record, the explanation tree): at TEXT_PLACES, the same digits
    `recommend` prints from the exact value, except where the figure cannot tell them.

    Rounding the figure again could give other digits than rounding the exact value once
    (exact 0.52501 is 0.5250 at four places, 0.52 from there, 0.53 from the exact value),
    but only where the figure lies halfway between two values at TEXT_PLACES: anywhere
    else the exact value is on the same side of that halfway point. There the figure is
    printed whole, at JSON_PLACES, which is what is known. Read as the decimal it prints
    (rationals.ratio): formatting the float itself rounds its binary value (0.525 is a little
    above 0.525, so "0.53")."""
    try:
        numerator, denominator = ratio(figure)
    except (TypeError, ValueError):  # not a finite number (a hand-made record): as it is
        from ..quote import quote  # loaded for such a record only: never on a decision's way

        return quote(figure)
    units, rest = divmod(numerator * 10 ** JSON_PLACES, denominator)  # whole numbers of 10**-JSON_PLACES
    if rest:  # not a figure at JSON_PLACES (a hand-made record): as it is
        return repr(figure)
    step = 10 ** (JSON_PLACES - TEXT_PLACES)
    q, r = divmod(units, step)
    if 2 * r == step:  # halfway: the exact value may lie on either side
        return _decimal_text(units, JSON_PLACES)
    return _decimal_text(q + (2 * r > step), TEXT_PLACES)


def _decimal_text(units: int, places: int) -> str:
    """`units` whole numbers of 10**-places as a decimal with `places` digits after the point."""
    if places == 0:
        return str(units)
    sign, whole = ("-" if units < 0 else ""), abs(units)
    return f"{sign}{whole // 10 ** places}.{whole % 10 ** places:0{places}d}"


def float_text(value: float, longest: int | None = None) -> str:
    """Python's shortest text for `value`, which reads back as the same number, but never in
    exponent form (its 2e-07 for 0.0000002): no rule file or profile takes a number so written
    (PF407), so a condition or a change worded so named a value no one could give. `longest`:
    past that many characters in full, the short form, for a message to quote whole; a fraction's
    with a point in it, as YAML 1.1 takes it too (1.5e-300, 1.0e-29: its 1e-29 is text, and PF211's
    "write" would name a form itself refused); a whole one's as before (1e+20: none is told so)."""
    text = repr(value)
    if "e" not in text:
        return text
    from decimal import Decimal  # only for such a number: most rule sets have none

    full = format(Decimal(text), "f")
    if longest is None or len(full) <= longest:
        return full
    mantissa, _, exponent = text.partition("e")  # repr's exponent is signed, as YAML 1.1 wants it
    return text if "." in mantissa or exponent[0] == "+" else f"{mantissa}.0e{exponent}"


def shown_number(value) -> str:
    """A number as a message shows it: a whole float without ".0", below 1e16 (past that, a
    float's exact digits are not the number written: 1e300 is shown 1e+300, not 301 digits);
    a small one in full (0.00001, never Python's 1e-05, a form no profile takes: PF407)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        return float_text(value)
    return str(value)
