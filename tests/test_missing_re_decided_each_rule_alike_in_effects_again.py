"""Finding the rules relevant to a decision's open questions re-decided the outcome with each
waiting rule's effects added, one rule at a time, though the outcome then depends on the
effects alone (evidence, a referral, not now) and most rules of a large rule set share their
effects with others: at 1,000 rules a person's open questions re-decided it some 500 times.
It is now re-decided once per distinct effects. Same questions, same order
(tests/test_missing_complete.py, tests/test_waiting.py)."""
from __future__ import annotations

import copy

import pytest

from pathfit.engine.explain import missing
from pathfit.engine.pipeline.policy import read_by_policy
from tools import synth

from .helpers import synthetic_engines


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


@pytest.mark.parametrize("n_rules", [60, 300])
def test_the_outcome_is_re_decided_once_per_distinct_effects(engines, n_rules, monkeypatch):
    engine = engines(n_rules, 11)
    rs = engine.ruleset
    effects = {(r.then.evidence, r.then.refer, r.then.not_now) for r in rs.rules if read_by_policy(r)}
    people = synth.profiles(rs, 15, n_rules, 0.1) + synth.profiles(rs, 15, n_rules + 1, 0.4)
    decisions = [engine.evaluate(person) for person in people]
    want = [copy.copy(decision).missing for decision in decisions]
    counted = [0]
    real = missing.outcome_with

    def outcome_with(*args):
        counted[0] += 1
        return real(*args)

    monkeypatch.setattr(missing, "outcome_with", outcome_with)
    most = 0
    for decision, listed in zip(decisions, want):
        counted[0] = 0
        assert copy.copy(decision).missing == listed
        most = max(most, counted[0])
    assert most <= 1 + len(effects), (most, len(effects))
    assert len(effects) < sum(map(read_by_policy, rs.rules))  # rules alike in effects: what there is to share
