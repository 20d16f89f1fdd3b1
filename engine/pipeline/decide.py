"""Stage 5, decide: the fired rules' effects, combined as policy.yaml says.

The policy is an ordered list of clauses; the first whose tests hold gives the
outcome and names the confidence method. All arithmetic is exact: weights and
thresholds are rationals (rationals.ratio), so sums do not depend on the order the
rules fired in, and a test such as `ratio_at_most: 1.5` is decided on the
written numbers, not on their binary approximations. Under `combine: sum` every
exact value is held as whole numbers, (numerator, denominator) in lowest terms,
and the arithmetic is integer arithmetic; a Verdict gives its values as
Fractions only when asked (the fractions module is then imported: a decision
and its text need none).

Confidence, its baseline and each rule's share are worked out by the deciding
clause's method in confidence.py.
"""
from __future__ import annotations

import math
from itertools import chain
from operator import attrgetter
from types import MappingProxyType

from ..record import Record
from .confidence import confidence_of
from .model import Policy
from .rationals import exact, lowest, ratio
from .policy import concluding_rules, holds


class Verdict:
    """A decision's exact arithmetic. Each rule's contribution is worked out on first
    use of `contributions` or `units`: a batch reports the confidence, not its shares,
    and at 1,000 rules the shares cost more than the rest of the decision. They are
    worked out as whole numbers over one common denominator (`units`), which is all
    the rounding of an audited record's shares needs (figures.rounded_units); `contributions`
    makes them fractions only when read.

    `confidence_ratio`, `baseline_ratio` and `score_ratios` hold the exact values as
    (numerator, denominator) pairs in lowest terms; `confidence`, `baseline` and
    `scores` give the same values as Fractions."""

    __slots__ = ("outcome", "confidence_ratio", "baseline_ratio", "referral", "formats", "score_ratios", "clause",
                 "_shares", "_units")

    def __init__(self, outcome: str, confidence: tuple[int, int], baseline: tuple[int, int], contributions,
                 referral: str | None, formats: tuple, scores: tuple, clause: int):
        self.outcome, self.confidence_ratio, self.baseline_ratio = outcome, confidence, baseline
        # a tuple of (rule, Fraction), or a function giving units() (the common denominator and numerators)
        self._shares = contributions
        self._units: tuple | None = None
        self.referral, self.formats = referral, formats
        self.score_ratios = scores  # ((outcome, exact total weight as (n, d)), ...) sorted by outcome
        self.clause = clause  # index of the policy clause that decided

    @property
    def confidence(self):
        """The confidence, exactly, as a Fraction."""
        return _fraction(self.confidence_ratio)

    @property
    def baseline(self):
        return _fraction(self.baseline_ratio)

    @property
    def scores(self) -> tuple:
        """((outcome, exact total weight as a Fraction), ...) sorted by outcome."""
        return tuple((o, _fraction(s)) for o, s in self.score_ratios)

    @property
    def contributions(self) -> tuple:
        """((rule id, exact signed contribution as a Fraction), ...) sorted by rule id."""
        if callable(self._shares):
            from fractions import Fraction

            denominator, numerators = self.units()
            self._shares = tuple((r, Fraction(n, denominator)) for r, n in numerators)
        return self._shares

    def units(self) -> tuple[int, tuple]:
        """(D, ((rule id, n), ...)): each contribution exactly n / D, with one D > 0 for all,
        sorted by rule id."""
        if self._units is None:
            self._units = self._shares() if callable(self._shares) else in_common(self._shares)
        return self._units

    def _key(self) -> tuple:
        return (self.outcome, self.confidence_ratio, self.baseline_ratio, self.contributions, self.referral,
                self.formats, self.score_ratios, self.clause)

    def __eq__(self, other) -> bool:
        return isinstance(other, Verdict) and self._key() == other._key()

    __hash__ = None  # mutable cache inside; compared by value only

    def __repr__(self) -> str:
        return f"Verdict{self._key()!r}"


def _fraction(value: tuple[int, int]):
    from fractions import Fraction  # see the module's docstring

    return Fraction(*value)


def in_common(contributions) -> tuple[int, tuple]:
    """((rule, Fraction), ...) (the certainty factors' shares) as (D, ((rule, n), ...)) with
    n / D each fraction, D their least common denominator."""
    denominator = math.lcm(*(c.denominator for _, c in contributions)) if contributions else 1
    return denominator, tuple((r, c.numerator * (denominator // c.denominator)) for r, c in contributions)


class Tally(Record):
    """What the fired rules add up to, before any clause is tried: `scores` outcome ->
    exact total weight ((n, d) under `combine: sum`, a Fraction under `combine:
    certainty`); `weights` rule id -> {outcome: exact weight as (n, d)}; `referrals`
    referral -> [rule ids concluding it]; `not_now` the rule ids concluding not_now;
    `beliefs` outcome -> Belief, under `combine: certainty`; `units` the scores as
    (unit, {outcome: whole number of 1/unit}), under `combine: sum`, which the
    clauses' tests read (policy.holds)."""

    __slots__ = ()

    def __new__(cls, scores: dict, weights: dict, referrals: dict, not_now: list, beliefs: dict | None = None,
                units: tuple | None = None) -> Tally:
        return tuple.__new__(cls, (scores, weights, referrals, not_now, beliefs, units))


def tally(policy: Policy, firings: list) -> Tally:
    """Under `combine: sum` a score is the sum of the weights; under `combine:
    certainty` the certainty the factors give together (engine.pipeline.certainty).
    Sums are taken in whole numbers per denominator and made a fraction once per
    outcome: the same exact value as adding fractions, at a fraction of the cost (at
    1,000 rules a person's firings add about 230 weights)."""
    certainty = policy.combine == "certainty"
    if certainty:  # imported only for a policy that combines so: a module fewer for every other start
        from .certainty import Belief
    beliefs = {o: Belief() for o in policy.evidence_outcomes} if certainty else None  # unread under sum
    weights: dict[str, object] = {}
    referrals: dict[str, list[str]] = {}
    not_now: list[str] = []
    sums: dict[tuple, int] = {}  # (outcome, denominator) -> the numerators over it, added
    kept = _EVIDENCE
    for f in firings:
        evidence = f.evidence
        if evidence:
            mine, parts = kept.get(evidence) or exact_evidence(evidence)
            if certainty:
                for outcome, weight in evidence:  # combined in firing order, as the factors say
                    beliefs[outcome] = beliefs[outcome].add(exact(weight))
            rule = f.rule
            if rule in weights:  # a rule tallied twice (never from a run): its weights add up
                mine = {o: _plus(weights[rule].get(o, (0, 1)), mine.get(o, (0, 1))) for o in {*weights[rule], *mine}}
            weights[rule] = mine
            for key, n in parts:
                sums[key] = sums.get(key, 0) + n
        if f.refer:
            referrals.setdefault(f.refer, []).append(f.rule)
        if f.not_now:
            not_now.append(f.rule)
    units = None
    if certainty:
        scores = {o: b.value for o, b in beliefs.items()}
    else:
        units = _sums(policy.evidence_outcomes, sums)
        unit, whole = units
        scores = {o: lowest(n, unit) for o, n in whole.items()}
    return Tally(scores, weights, referrals, not_now, beliefs, units)


_EVIDENCE: dict[tuple, tuple] = {}  # a rule's evidence -> exact_evidence's answer
_EVIDENCE_KEPT = 65536  # rule sets' evidence is what is kept; past this many the store starts again


def exact_evidence(evidence: tuple) -> tuple[MappingProxyType, tuple]:
    """A rule's evidence ((outcome, weight), ...) as (its exact weights {outcome: (n, d)},
    read-only, and ((outcome, denominator), numerator) per weight), worked out once per
    evidence: a rule's evidence is the same every time it fires, and reading its weights'
    fractions and their numerators over a common denominator again for every person was a
    quarter of the decision's instructions at 1,000 rules."""
    got = _EVIDENCE.get(evidence)
    if got is None:
        mine: dict = {}
        parts = []
        for outcome, weight in evidence:
            w = ratio(weight)
            mine[outcome] = _plus(mine[outcome], w) if outcome in mine else w
            parts.append(((outcome, w[1]), w[0]))
        if len(_EVIDENCE) >= _EVIDENCE_KEPT:
            _EVIDENCE.clear()
        got = _EVIDENCE[evidence] = (MappingProxyType(mine), tuple(parts))
    return got


def _plus(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """a + b, exact values as (n, d)."""
    return lowest(a[0] * b[1] + b[0] * a[1], a[1] * b[1])


def _sums(outcomes: tuple, sums: dict) -> tuple[int, dict]:
    """(unit, {outcome: the sum of its weights in whole numbers of 1/unit}), for every
    outcome, from the numerators added per (outcome, denominator)."""
    unit = math.lcm(*{d for _, d in sums}) if sums else 1
    units = dict.fromkeys(outcomes, 0)
    for (outcome, d), n in sums.items():
        units[outcome] += n * (unit // d)
    return unit, units


def first_referral(policy: Policy, concluded) -> str | None:
    """The referral given when those in `concluded` are concluded: the first in the policy's order."""
    return next((r for r in policy.referrals if r in concluded), None)


def first_clause(policy: Policy, scores: dict, refer: bool, not_now: bool, total=None, unit: int = 1) -> int:
    """Index of the first clause whose tests hold (the last clause has none, so one always does).
    `scores` exact, as fractions or whole numbers of 1/`unit` (policy.holds); `total`: their
    sum, when the caller has it already (settle.py asks for many)."""
    if total is None:
        total = sum(scores.values())
    for i, c in enumerate(policy.clauses):
        if holds(c.tests, scores, total, refer, not_now, unit):
            return i
    raise AssertionError("the policy's last clause has no tests")


def decide(policy: Policy, firings: list) -> Verdict:
    return decided(policy, firings)[0]


def decided(policy: Policy, firings: list) -> tuple[Verdict, Tally]:
    """The verdict with the tally it was decided from: a decision keeps the tally for its
    settledness, missing facts and trace, which read the same firings' tally, never tallied again."""
    t = tally(policy, firings)
    referral = first_referral(policy, t.referrals)
    unit, scores = t.units or (1, t.scores)
    index = first_clause(policy, scores, referral is not None, bool(t.not_now), unit=unit)
    clause = policy.clauses[index]
    concluding = concluding_rules(clause, referral, t.referrals, t.not_now)
    confidence, baseline, contributions = confidence_of(clause, t, concluding, policy.evidence_outcomes)
    scores = t.scores if t.units else {o: s.as_integer_ratio() for o, s in t.scores.items()}  # certainty: Fractions
    return Verdict(clause.outcome, confidence, baseline, contributions,
                   referral if clause.outcome == "refer" else None, _formats(policy, firings, clause.outcome),
                   tuple(sorted(scores.items())), index), t


def outcome_with(policy: Policy, base: Tally, extra: list) -> tuple[str, str | None]:
    """(outcome, referral) exactly as `decide` gives them for the firings tallied in
    `base` plus `extra`, without tallying the base again and without the confidence:
    the explanation asks this once per pending rule (explain/missing.py, missing_facts)."""
    concluded = set(base.referrals)
    not_now = bool(base.not_now)
    for f in extra:
        if f.refer:
            concluded.add(f.refer)
        not_now = not_now or f.not_now
    if policy.combine == "certainty":  # combined as tally combines them, never summed
        beliefs = dict(base.beliefs)
        for f in extra:
            for outcome, weight in f.evidence:
                beliefs[outcome] = beliefs[outcome].add(exact(weight))
        scores, unit = {o: b.value for o, b in beliefs.items()}, 1
    else:  # in whole numbers of one unit, as tally adds them
        added = [(outcome, ratio(weight)) for f in extra for outcome, weight in f.evidence]
        unit, whole = base.units
        common = math.lcm(unit, *(d for _, (_, d) in added))
        scores = {o: n * (common // unit) for o, n in whole.items()}
        for outcome, (n, d) in added:
            scores[outcome] += n * (common // d)
        unit = common
    referral = first_referral(policy, concluded)
    outcome = policy.clauses[first_clause(policy, scores, referral is not None, not_now, unit=unit)].outcome
    return outcome, referral if outcome == "refer" else None


def _formats(policy: Policy, firings: list, outcome: str) -> tuple:
    """The formats the fired rules suggest that fit `outcome`, in the policy's order. The
    firings' suggestions are gathered without a Python step per firing (at 1,000 rules a
    person's 370), and not at all for an outcome no format fits (a referral, not now)."""
    fitting = [fmt for fmt, fits in policy.formats if outcome in fits]
    if not fitting:
        return ()
    suggested = set(chain.from_iterable(map(_SUGGEST, firings)))
    return tuple(fmt for fmt in fitting if fmt in suggested)


_SUGGEST = attrgetter("suggest")
