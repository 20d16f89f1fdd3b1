"""What-if's claims, checked against brute force on random small rule sets.

tests/test_what_if.py checks the claims on one fixed rule set; here hypothesis draws the
rule sets (tests/small_rulesets.py's, with a list fact, a fractional number, a valued derived
fact and presence tests added) and the people (complete and partial), and every claim the
search makes is compared with an enumeration of every assignment within two changes of the
facts the search may change (every fact but the screening ones: every value, unknown, every
subset of the list), each decided by the real engine's `evaluate`, never by the search's own
helpers:
- each alternative and each `would_change_if` entry reaches what it says, changing what it says
  by as many changes as it counts, with that decision's own confidence and settledness;
- the single changes listed are exactly those that lead elsewhere (by fact and advice reached);
- a pair is listed only for an outcome no single change reaches (the smallest change to it);
- an outcome called unreachable `exhaustive: true` is reached by no combination within two;
- each `refused` change is refused by the engine.
The search's budget is drawn too, so that `exhaustive: false` is met and never checked as true.
"""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine, PathfitError
from pathfit.engine.errors import RULES_REFUSE
from pathfit.engine.explain import what_if as what_if_module
from pathfit.engine.explain.what_if import what_if

from . import small_rulesets as small
from .small_rulesets import WIDE_DOMAINS as DOMAINS

def _distance(fact: str, old, new) -> int:
    """Changes from old to new as the search counts them: a list one item at a time, an
    unknown list given a value one change per item (at least one)."""
    if fact == "s" and old is not None and new is not None:
        return len(set(old) ^ set(new))
    if fact == "s" and old is None and new is not None:
        return max(1, len(new))
    return 0 if old == new else 1


def _changed(base: dict, changes: dict) -> dict:
    after = {k: v for k, v in base.items() if k not in changes}
    after.update({k: v for k, v in changes.items() if v is not None})
    return after


class _Engine:
    """The real engine's advice for a person, each person decided once: None where it refuses."""

    def __init__(self, engine: Engine):
        self.engine, self.seen = engine, {}

    def __call__(self, profile: dict):
        key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in profile.items()))
        if key not in self.seen:
            try:
                d = self.engine.evaluate(profile)
                self.seen[key] = (d.outcome, d.referral)
            except PathfitError as err:
                assert {p.code for p in err.problems} <= RULES_REFUSE, err.problems
                self.seen[key] = None
        return self.seen[key]


def _brute_force(advice: _Engine, base: dict, facts: list[str]) -> tuple[dict, set]:
    """-> ({outcome: fewest changes (1 or 2) of `facts` reaching it}, {(fact, outcome, referral)
    of every single change leading elsewhere}), by enumeration."""
    now = advice(base)
    moves = {f: [(v, _distance(f, base.get(f), v)) for v in DOMAINS[f]] for f in facts}
    moves = {f: [(v, k) for v, k in vs if 1 <= k <= 2] for f, vs in moves.items()}
    best: dict[str, int] = {}
    singles: set = set()
    trials = [({f: v}, k) for f in facts for v, k in moves[f]]
    trials += [({f: v, g: w}, 2) for f, g in itertools.combinations(facts, 2)
               for v, k in moves[f] if k == 1 for w, j in moves[g] if j == 1]
    for changes, cost in trials:
        got = advice(_changed(base, changes))
        if got is None:
            continue
        best[got[0]] = min(best.get(got[0], 3), cost)
        if cost == 1 and len(changes) == 1 and got != now:
            singles.add((next(iter(changes)), *got))
    return best, singles


def _after(base: dict, entry: dict) -> dict:
    for c in entry["changes"]:
        was = base.get(c["fact"])
        assert c["from"] == was, (c, was)
    return _changed(base, {c["fact"]: c["to"] for c in entry["changes"]})


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(spec=small.wide_rule_set(), people=st.lists(small.wide_person, min_size=1, max_size=2),
       budget=st.sampled_from([what_if_module.MAX_TRIALS] * 3 + [5, 20, 40]))
def test_what_if_claims_hold_against_brute_force_on_random_rule_sets(spec, people, budget):
    with tempfile.TemporaryDirectory() as tmp, Engine.load(small.write_wide(Path(tmp), spec)) as engine:
        advice = _Engine(engine)
        rs = engine.ruleset
        screening = [f.name for f in rs.inputs if f.screening]
        movable = [f for f in DOMAINS if f not in screening]
        policy_outcomes = {c.outcome for c in rs.policy.clauses}
        for base in people:
            now = advice(base)
            if now is None:  # a refused person has no what-if
                continue
            old, what_if_module.MAX_TRIALS = what_if_module.MAX_TRIALS, budget
            try:
                result = what_if(engine, base)
            finally:
                what_if_module.MAX_TRIALS = old
            best, singles = _brute_force(advice, base, movable)
            _, screened = _brute_force(advice, base, screening)
            for entry in result["alternatives"] + result["would_change_if"]:
                after = _after(base, entry)
                assert advice(after) == (entry["outcome"], entry["referral"]) != now, (base, entry)
                d = engine.evaluate(after)  # the figures shown beside it are that decision's own
                assert (entry["label"], entry["referral_label"], entry["confidence"], entry["settled"]) == \
                    (d.label, d.referral_label, d.confidence, d.settled), (base, entry)
                assert sum(_distance(c["fact"], c["from"], c["to"]) for c in entry["changes"]) == entry["size"]
            alternatives = result["alternatives"]
            assert [a["size"] for a in alternatives] == sorted(a["size"] for a in alternatives)
            assert not [a for a in alternatives if {c["fact"] for c in a["changes"]} & set(screening)]
            listed = {(a["changes"][0]["fact"], a["outcome"], a["referral"]) for a in alternatives if a["size"] == 1}
            assert listed == singles, (base, listed ^ singles)
            pairs = [a["outcome"] for a in alternatives if a["size"] == 2]
            assert len(pairs) == len(set(pairs))
            for o in pairs:  # the smallest change to it: no single change reaches it
                assert best.get(o) == 2 and o != now[0], (base, o, best)
            assert all(len(e["changes"]) == 1 and e["changes"][0]["fact"] in screening
                       for e in result["would_change_if"])
            assert {(e["changes"][0]["fact"], e["outcome"], e["referral"]) for e in result["would_change_if"]} \
                == screened, base
            unreachable = {u["outcome"] for u in result["unreachable"]}
            assert unreachable.isdisjoint(a["outcome"] for a in alternatives)
            assert unreachable | {a["outcome"] for a in alternatives} | {now[0]} == policy_outcomes
            for u in result["unreachable"]:
                assert u["within"] == 2
                if u["exhaustive"]:
                    assert u["outcome"] not in best, (base, u, best[u["outcome"]])
            if budget == what_if_module.MAX_TRIALS:
                assert all(u["exhaustive"] for u in result["unreachable"])
            for r in result["refused"]:
                assert advice(_after(base, r)) is None, (base, r)
