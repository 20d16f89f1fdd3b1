"""Every score vector a decision could still reach: the fired rules' evidence plus that of
any subset of the rules that wait, each decided by the policy's own clause tests. What
settle.py proves settledness and pivotal rules over.

Apart from settle.py: it changes with how reachable scores are enumerated and counted
(whole numbers of one unit, certainty beliefs), settle with what is asked of them.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .decide import first_clause
from .model import Rule
from .rationals import common_unit, exact, in_units, ratio

MAX_SCORE_VECTORS = 4096  # beyond this many distinct reachable scores: "not settled", unproven


class Reach:
    """Every reachable score vector (`keys`), and the outcomes each gives, one per reachable
    referral and not-now state (`states`), decided once when first asked. Under `combine: sum`
    a key is the vector as one whole number (`_reachable_keys`; `steps`: each pending rule's
    evidence as the number it adds); under `combine: certainty` it is the vector of combined
    certainties. Outcomes kept (`_KNOWN`) are found by the key within its radix, which name one
    vector exactly, before the vector is decoded from its key to be found or decided."""

    def __init__(self, policy, states: list, keys, unit: int, read, steps: dict, radix: int | None = None):
        self.policy, self.states, self.keys, self.unit, self._read, self.steps = policy, states, keys, unit, read, steps
        self._radix = radix
        self._index = {s: i for i, s in enumerate(states)}
        self._decided: dict = {}
        (self._known, by_key), self._asked = _known_outcomes(policy), tuple(states)
        # the outcomes kept for keys of this radix, unit and states: found by the key alone
        self._numbered = None if radix is None else _group(by_key, (radix, unit, self._asked))

    @classmethod
    def of(cls, policy, states: list, firings: list, pending: list[Rule]) -> "Reach | None":
        names = policy.evidence_outcomes
        if policy.combine == "certainty":
            reachable = reachable_scores(policy, firings, pending)
            if reachable is None:
                return None
            vectors, unit = reachable
            return cls(policy, states, [v for v, _ in vectors], unit, lambda v: v, {})
        keyed = _reachable_keys(names, firings, pending)
        if keyed is None:
            return None
        keys, radix, unit, steps = keyed
        return cls(policy, states, keys, unit, lambda k: _digits(k, radix, len(names)), steps, radix)

    def outcomes(self, key) -> tuple:
        got = self._decided.get(key)
        if got is None:
            numbered = self._numbered
            got = numbered.get(key) if numbered is not None else None
            if got is None:
                v = self._read(key)
                known = (v, self.unit, self._asked)
                got = self._known.get(known)
                if got is None:
                    scores, total, policy = dict(zip(self.policy.evidence_outcomes, v)), sum(v), self.policy
                    got = tuple(policy.clauses[first_clause(policy, scores, refer, not_now, total, self.unit)].outcome
                                for refer, not_now in self.states)
                    _kept(self._known, known, got)
                if numbered is not None:
                    _kept(numbered, key, got)
            self._decided[key] = got
        return got

    def all_decided(self) -> dict | None:
        """{key: its outcomes} once every key has been decided, else None."""
        return self._decided if len(self._decided) == len(self.keys) else None

    def outcome(self, key, refer: bool, not_now: bool) -> str:
        """The outcome under one of `states` (the only ones a reachable state can be in)."""
        return self.outcomes(key)[self._index[refer, not_now]]


# outcomes decided, kept from decision to decision: a batch's or an interview's people reach the
# same few score vectors again and again, and deciding one walks the policy's clause tests for
# each referral and not-now state. The outcome is a function of the vector, its unit and the
# state alone, so one decided for one person is the outcome for the next. Kept by the vector, and
# by the key a vector is enumerated as, within its radix, unit and states (its digits: one
# vector), so that one found so costs no decoding of it: an interview's question decodes
# thousands of the same keys again, while a batch's people, each with a radix of their own, find
# theirs by the vector.
KNOWN_OUTCOMES = 16384  # at most this many kept per policy by vector, and per radix by key, then begun again
KNOWN_RADICES = 256  # radices (with unit and states) whose keys are kept per policy, then begun again
# id(policy) -> (policy, {(vector, unit, states): outcomes}, {(radix, unit, states): {key: outcomes}})
_KNOWN: dict[int, tuple] = {}


def _known_outcomes(policy) -> tuple[dict, dict]:
    held = _KNOWN.get(id(policy))
    if held is None or held[0] is not policy:  # an id reused by another policy is never trusted
        if len(_KNOWN) >= 64:
            _KNOWN.clear()
        held = _KNOWN[id(policy)] = (policy, {}, {})
    return held[1], held[2]


def _group(groups: dict, name: tuple) -> dict:
    got = groups.get(name)
    if got is None:
        if len(groups) >= KNOWN_RADICES:
            groups.clear()
        got = groups[name] = {}
    return got


def _kept(kept: dict, known, outcomes: tuple) -> None:
    if len(kept) >= KNOWN_OUTCOMES:
        kept.clear()
    kept[known] = outcomes


def reachable_scores(policy, firings: list, pending: list[Rule]) -> tuple[Iterable[tuple], int] | None:
    """(every score vector the fired evidence plus some subset of the pending evidence
    could give, each with its total; the unit they count in, as policy.holds reads
    them), or None when there are too many to enumerate. Under `combine: certainty`
    the states are Beliefs (positive and negative groups), so every subset is combined
    exactly as decide combines it, and the scores are fractions (unit 1)."""
    outcomes = policy.evidence_outcomes
    if policy.combine != "certainty":
        return _reachable_sums(outcomes, firings, pending)
    from .certainty import Belief  # only under `combine: certainty` (see decide.tally)

    base = {o: Belief() for o in outcomes}
    for f in firings:
        for o, w in f.evidence:
            base[o] = base[o].add(exact(w))
    states = {tuple(base[o] for o in outcomes)}
    for rule in pending:
        if not rule.then.evidence:
            continue
        adds = dict(rule.then.evidence)
        states |= {tuple(s.add(exact(adds[o])) if o in adds else s for o, s in zip(outcomes, v)) for v in states}
        if len(states) > MAX_SCORE_VECTORS:
            return None
    values = {tuple(s.value for s in v) for v in states}
    return ((v, sum(v)) for v in values), 1


def _reachable_sums(outcomes: tuple, firings: list, pending: list[Rule]) -> tuple[Iterator[tuple], int] | None:
    """`reachable_scores` under `combine: sum`, added up as whole numbers of one
    common unit (1 / the least common multiple of the weights' denominators): the
    same exact sums, and the same distinct ones, as adding the fractions, which
    costs a reduction to lowest terms per addition, and read so by the clauses' tests."""
    keyed = _reachable_keys(outcomes, firings, pending)
    if keyed is None:
        return None
    keys, radix, unit, _ = keyed
    return ((v, sum(v)) for v in (_digits(k, radix, len(outcomes)) for k in keys)), unit


def _reachable_keys(outcomes: tuple, firings: list, pending: list[Rule]) -> tuple[set, int, int, dict] | None:
    """(every reachable score vector as one whole number, a score per digit of base `radix`;
    the radix; the unit; each pending rule's evidence as the number it adds), or None past
    MAX_SCORE_VECTORS. Why numbers: adding a rule's evidence to every vector is then one
    addition each, not a tuple built per vector (the interview asks this of every answer it
    tries). Weights are above 0, so no digit carries into the next while it stays below the
    radix, which is past twice the most any score can reach: a vector plus one rule's evidence
    stays below it too (pivotal_rules adds evidence to every vector)."""
    weights = [ratio(w) for f in firings for _, w in f.evidence]
    weights += [ratio(w) for r in pending for _, w in r.then.evidence]
    unit = common_unit(weights)
    top = dict.fromkeys(outcomes, 0)
    base = dict.fromkeys(outcomes, 0)
    for f in firings:
        for o, w in f.evidence:
            base[o] += in_units(ratio(w), unit)
    adds: dict[str, list] = {}
    for rule in pending:
        if rule.then.evidence:
            add = adds[rule.id] = [0] * len(outcomes)
            for o, w in rule.then.evidence:
                add[outcomes.index(o)] += in_units(ratio(w), unit)
    for i, o in enumerate(outcomes):
        top[o] = base[o] + sum(a[i] for a in adds.values())
    radix = 2 * max(top.values(), default=0) + 1
    steps = {rid: _key(a, radix) for rid, a in adds.items()}
    keys = {_key([base[o] for o in outcomes], radix)}
    for rule in pending:
        step = steps.get(rule.id)
        if step is None:
            continue
        keys |= {k + step for k in keys}
        if len(keys) > MAX_SCORE_VECTORS:
            return None
    return keys, radix, unit, steps


def _key(digits, radix: int) -> int:
    key = 0
    for d in digits:
        key = key * radix + d
    return key


def _digits(key: int, radix: int, n: int) -> tuple:
    out = []
    for _ in range(n):
        key, d = divmod(key, radix)
        out.append(d)
    return tuple(reversed(out))
