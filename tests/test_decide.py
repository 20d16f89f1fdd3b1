"""The decision policy's arithmetic: confidence = baseline + sum(contributions), exactly."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine
from pathfit.engine.pipeline.decide import decide
from pathfit.engine.pipeline.run import Firing


@pytest.fixture(scope="module")
def policy():
    with Engine.load() as engine:
        yield engine.ruleset.policy


def _firing(i: int, coaching: int, mentoring: int, refer=None, not_now=False) -> Firing:
    evidence = tuple((o, w) for o, w in (("coaching", coaching), ("mentoring", mentoring)) if w)
    return Firing(i, f"r{i}", (), (), evidence, (), refer, not_now)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=12))
def test_contributions_add_up_to_confidence(policy, weights):
    verdict = decide(policy, [_firing(i, c, m) for i, (c, m) in enumerate(weights)])
    assert 0.0 <= verdict.confidence <= 1.0
    total = verdict.baseline + sum(c for _, c in verdict.contributions)
    assert total == pytest.approx(verdict.confidence, abs=1e-3)


def test_outcomes_follow_the_clauses(policy):
    assert decide(policy, []).outcome == "undetermined"
    assert decide(policy, [_firing(1, 4, 0)]).outcome == "coaching"
    assert decide(policy, [_firing(1, 0, 4)]).outcome == "mentoring"
    assert decide(policy, [_firing(1, 4, 4)]).outcome == "blended"
    assert decide(policy, [_firing(1, 6, 4)]).outcome == "blended"      # 6/4 = 1.5
    assert decide(policy, [_firing(1, 7, 4)]).outcome == "coaching"     # 7/4 > 1.5
    assert decide(policy, [_firing(1, 2, 2)]).outcome == "undetermined" # a tie below blend
    assert decide(policy, [_firing(1, 9, 0), _firing(2, 0, 0, not_now=True)]).outcome == "not_now"
    refer = decide(policy, [_firing(1, 0, 0, refer="training"), _firing(2, 0, 0, refer="counselling"),
                            _firing(3, 0, 0, not_now=True)])
    assert (refer.outcome, refer.referral, refer.confidence) == ("refer", "counselling", 1.0)
    assert refer.contributions == (("r2", 1.0),)


def test_share_confidence_values(policy):
    v = decide(policy, [_firing(1, 6, 0), _firing(2, 0, 2)])
    assert v.outcome == "coaching" and v.confidence == 0.75
    assert dict(v.contributions) == {"r1": 0.375, "r2": -0.125}
