"""Stage 5, decide: the fired rules' effects, combined as policy.yaml says.

The policy is an ordered list of clauses; the first whose tests hold gives the
outcome and names the confidence method. Every method has the form
`confidence = baseline + sum(contributions)`, so each rule's share of the
confidence is exact and can be shown to a person:
- certain: baseline 0, the concluding rules share 1.0 equally;
- share (with `leads: O`): S_O / total; baseline 0.5, a rule for O adds
  w / (2 total), a rule for another outcome subtracts w / (2 total);
- balance: 1 - (max - min) / total; baseline 1, rules for the leading
  outcome subtract w / total, rules for the trailing one add w / total;
- shortfall (with `total_below: N`): 1 - total / N; baseline 1, every
  evidence rule subtracts w / N.
"""
from __future__ import annotations

from typing import NamedTuple

from .model import Policy


class Verdict(NamedTuple):
    outcome: str
    confidence: float
    baseline: float
    contributions: tuple  # ((rule id, signed contribution), ...) in firing order
    referral: str | None
    formats: tuple
    scores: tuple  # ((outcome, total weight), ...)
    clause: int  # index of the policy clause that decided


def decide(policy: Policy, firings: list) -> Verdict:
    scores = {o: 0.0 for o in policy.evidence_outcomes}
    support: list[tuple[str, str, float]] = []  # (rule, outcome, weight)
    referrals: dict[str, list[str]] = {}
    not_now: list[str] = []
    for f in firings:
        for outcome, weight in f.evidence:
            scores[outcome] += weight
            support.append((f.rule, outcome, weight))
        if f.refer:
            referrals.setdefault(f.refer, []).append(f.rule)
        if f.not_now:
            not_now.append(f.rule)
    referral = next((r for r in policy.referrals if r in referrals), None)
    total = sum(scores.values())
    index, clause = next((i, c) for i, c in enumerate(policy.clauses) if holds(c.tests, scores, total, referral, not_now))
    concluding = referrals.get(referral, []) if clause.outcome == "refer" else not_now if clause.outcome == "not_now" else []
    confidence, baseline, contributions = _confidence(clause, scores, total, support, concluding)
    formats = _formats(policy, firings, clause.outcome)
    return Verdict(clause.outcome, confidence, baseline, contributions,
                   referral if clause.outcome == "refer" else None, formats,
                   tuple(sorted((o, _r(s)) for o, s in scores.items())), index)


def holds(tests: tuple, scores: dict, total: float, referral, not_now: list) -> bool:
    """Whether a clause's tests all hold; engine.pipeline.policy asks this too, test by test."""
    for test, arg in tests:
        if test == "concluded":
            ok = referral is not None if arg == "refer" else bool(not_now)
        elif test == "total_below":
            ok = total < arg
        elif test == "each_at_least":
            ok = all(s >= arg for s in scores.values())
        elif test == "ratio_at_most":
            low, high = min(scores.values()), max(scores.values())
            ok = low > 0 and high / low <= arg
        else:  # leads
            ok = all(scores[arg] > s for o, s in scores.items() if o != arg)
        if not ok:
            return False
    return True


def _confidence(clause, scores: dict, total: float, support: list, concluding: list):
    method = clause.confidence
    if method == "certain":
        rules = concluding or list(dict.fromkeys(r for r, _, _ in support))
        share = 1.0 / len(rules) if rules else 0.0
        return 1.0, 0.0, tuple((r, _r(share)) for r in rules)
    if method == "shortfall":
        limit = dict(clause.tests)["total_below"]
        contrib = [(r, -w / limit) for r, o, w in support]
        return _r(max(0.0, 1 - total / limit)), 1.0, _sum_by_rule(contrib)
    if total == 0:
        return 0.0, 0.0, ()
    if method == "share":
        lead = dict(clause.tests)["leads"]
        contrib = [(r, (w if o == lead else -w) / (2 * total)) for r, o, w in support]
        return _r(scores[lead] / total), 0.5, _sum_by_rule(contrib)
    high = max(scores, key=lambda o: (scores[o], o))  # balance
    contrib = [(r, (-w if o == high else w) / total) for r, o, w in support]
    return _r(1 - (max(scores.values()) - min(scores.values())) / total), 1.0, _sum_by_rule(contrib)


def _sum_by_rule(contrib: list) -> tuple:
    merged: dict[str, float] = {}
    for rule, value in contrib:
        merged[rule] = merged.get(rule, 0.0) + value
    return tuple((rule, _r(v)) for rule, v in merged.items())


def _formats(policy: Policy, firings: list, outcome: str) -> tuple:
    suggested = {fmt for f in firings for fmt in f.suggest}
    return tuple(fmt for fmt, fits in policy.formats if fmt in suggested and outcome in fits)


def _r(x: float) -> float:
    return round(x + 0.0, 4)
