"""The deciding clause's confidence, its baseline and each rule's share, exactly.

Confidence is one idea for every method: the share of the evidence the
deciding clause weighs that speaks for the outcome given (a clause with
`among: [...]` weighs only those outcomes' evidence). Each method has the
form `confidence = baseline + sum(contributions)`, one contribution per rule,
exact, with a sign that means the same for every rule of that outcome
(docs/decision.md, "Confidence"):
- certain (a clause testing `concluded`): 1; baseline 0, the rules that met
  that test share 1 equally (policy.concluding_rules); evidence is no
  conclusion, so a rule that only weighed in shares none of it (a clause
  built without validation that has no such rule: baseline 1, no shares);
- share (with `leads: O`): S_O / total; baseline 1/2, a rule adds its weight
  for O and takes away its weight for the other outcomes, over 2 total;
- balance (a blend, or an even split): 2 min / total, the share of all the
  evidence that is matched by evidence for the other outcome; baseline 0,
  each rule adds its matched part: all its weight for the lesser outcome,
  and its weight for the greater one scaled by lesser / greater (with n
  evidence outcomes: n min / total, each outcome's weight scaled by
  lowest / its score);
- shortfall (with `strongest_below: N`): (N - S_top) / N, how far the
  strongest outcome's evidence is from enough; baseline 1, each rule takes
  away its weight for that outcome over N (outcomes tied for strongest
  share: a rule takes away its weight for them over k N, k of them tied). (With `total_below: N`, kept for
  rule sets that use it: (N - total) / N, each rule takes away all its
  weight over N.)
- certainty (`combine: certainty`, with `leads: O`): O's combined certainty;
  baseline 0, each rule adds what its factor changed in it, in rule-id order;
- doubt (`combine: certainty`): 1 minus the strongest outcome's certainty
  (0 when none is above 0); baseline 1, each rule takes away what its factor
  added to that certainty.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .rationals import common_unit, in_units, lowest, ratio
from .policy import scope_of

if TYPE_CHECKING:
    from .decide import Tally


def confidence_of(clause, t: Tally, concluding: list, evidence_outcomes: tuple) -> tuple[tuple, tuple, tuple]:
    """-> (confidence, baseline, contributions sorted by rule id), all exact (the first
    two as (n, d); see Verdict for the contributions). `concluding`: the rules that met the
    clause's `concluded` test (policy.concluding_rules), which share `certain`. A clause
    with `among` weighs only those outcomes' evidence: a rule with no weight for them
    does not weigh in, so it has no contribution."""
    among = scope_of(clause.tests)
    if among:
        t, evidence_outcomes = _within(t, among), tuple(o for o in evidence_outcomes if o in among)
    method, scores, weights = clause.confidence, t.scores, t.weights
    if method in ("certainty", "doubt"):
        return _certainty(method, clause, t, evidence_outcomes)
    if method == "certain":  # only the rules that concluded share it, never those with evidence
        rules = sorted(set(concluding))
        if not rules:
            return (1, 1), (1, 1), ()
        return (1, 1), (0, 1), lambda: (len(rules), tuple((r, 1) for r in rules))
    # share, balance and shortfall weigh sums (`combine: sum`): the confidence is worked out
    # from the scores in whole numbers of 1/unit (t.units), one fraction made at the end.
    # The shares below are exact fractions written over one denominator: every weight, score
    # and limit as a whole number of 1/unit (unit: their least common denominator), so a rule's
    # share is a sum of products of integers over the same D for every rule.
    unit, units = t.units
    total = sum(units.values())
    if method == "shortfall":
        tests = dict(clause.tests)
        if "strongest_below" in tests:
            # the strongest outcome's evidence takes away; tied strongest outcomes share equally:
            # -(its weight for them) / (k limit), k of them tied
            limit, top = ratio(tests["strongest_below"]), max(units.values())
            tops = [o for o, s in units.items() if s == top]

            def strongest() -> tuple:
                unit = _unit(weights)
                return _over(unit * len(tops) * limit[0],
                             ((r, -sum(in_units(w[o], unit) for o in tops if o in w) * limit[1])
                              for r, w in sorted(weights.items())))
            return _short(limit, top, unit), (1, 1), strongest
        limit = ratio(tests["total_below"])  # -(all its weight) / limit

        def below() -> tuple:
            unit = _unit(weights)
            return _over(unit * limit[0], ((r, -sum(in_units(v, unit) for v in w.values()) * limit[1])
                                           for r, w in sorted(weights.items())))
        return _short(limit, total, unit), (1, 1), below
    if total == 0:
        return (0, 1), (0, 1), ()
    exact_total = lowest(total, unit)
    if method == "share":
        lead = dict(clause.tests)["leads"]

        def share() -> tuple:  # (its weight for the lead - its weight for the others) / (2 total)
            unit = _unit(weights, scores.values())
            return _over(2 * in_units(exact_total, unit), ((r, sum(in_units(v, unit) if o == lead else -in_units(v, unit)
                                                                   for o, v in w.items()))
                                                            for r, w in sorted(weights.items())))
        return lowest(units[lead], total), (1, 2), share
    # balance: the lowest score (ties by name, so the split is canonical) is matched in
    # full; each other outcome's weight counts in the proportion lowest / its score.
    # With two outcomes that is 2 min / total; with n, n min / total, which is exactly
    # what the contributions add up to (an outcome with no evidence makes min 0).
    low = min(units, key=lambda o: (units[o], o))

    def balance() -> tuple:  # sum over outcomes of its weight * (lowest / that score), over total
        unit = _unit(weights, scores.values())
        units = {o: in_units(s, unit) for o, s in scores.items()}
        common = math.lcm(*(u for u in units.values() if u))  # some score is not 0: the total is not
        scale = {o: units[low] * (common // u) if u else common for o, u in units.items()}  # lowest / score, x common
        return _over(common * in_units(exact_total, unit), ((r, sum(in_units(v, unit) * scale[o] for o, v in w.items()))
                                                            for r, w in sorted(weights.items())))
    return lowest(len(units) * units[low], total), (0, 1), balance


def _short(limit: tuple[int, int], score: int, unit: int) -> tuple[int, int]:
    """(limit - score / unit) / limit, exactly: how far a score is below the limit, as a
    share of the limit."""
    n, d = limit
    return lowest(n * unit - score * d, n * unit)


def _unit(weights: dict, more=()) -> int:
    """The least common denominator of every rule's weights (and of `more`)."""
    return common_unit([*(v for w in weights.values() for v in w.values()), *more])


def _within(t: Tally, among: tuple) -> Tally:
    """The tally restricted to the outcomes `among` names (a clause's scope)."""
    weights = {r: {o: v for o, v in w.items() if o in among} for r, w in t.weights.items()}
    unit, units = t.units or (1, None)
    return t._replace(scores={o: s for o, s in t.scores.items() if o in among},
                      weights={r: w for r, w in weights.items() if w},
                      units=(unit, {o: n for o, n in units.items() if o in among}) if units is not None else None,
                      beliefs={o: b for o, b in (t.beliefs or {}).items() if o in among})


def _certainty(method: str, clause, t: Tally, evidence_outcomes: tuple) -> tuple[tuple, tuple, tuple]:
    """certainty: the leading outcome's certainty, baseline 0; doubt: 1 minus the
    strongest outcome's certainty when above 0 (ties: the first in evidence_outcomes),
    baseline 1. Each rule's share is what its factor changed in that outcome's
    certainty, added in rule-id order (certainty.telescoped); a rule with no factor
    for it shares 0."""
    from fractions import Fraction  # certainty factors combine in fractions (engine.pipeline.certainty)

    from .certainty import telescoped  # see tally
    if method == "certainty":
        outcome, sign, baseline = dict(clause.tests)["leads"], 1, Fraction(0)
    else:
        outcome = max(evidence_outcomes, key=lambda o: (t.scores[o], -evidence_outcomes.index(o)))
        sign, baseline = -1, Fraction(1)
        if t.scores[outcome] <= 0:
            return (1, 1), (1, 1), tuple((r, Fraction(0)) for r in sorted(t.weights))
    shares = dict(telescoped([(r, Fraction(*w[outcome])) for r, w in sorted(t.weights.items()) if outcome in w]))
    contributions = tuple((r, sign * shares.get(r, Fraction(0))) for r in sorted(t.weights))
    return (baseline + sign * t.scores[outcome]).as_integer_ratio(), baseline.as_integer_ratio(), contributions


def _over(denominator: int, numerators) -> tuple[int, tuple]:
    """units() from numerators over a denominator of either sign (made positive)."""
    if denominator < 0:
        return -denominator, tuple((r, -n) for r, n in numerators)
    return denominator, tuple(numerators)
