"""The "too little evidence" clause judges each side on its own evidence.

The bug this pins: the policy's undetermined clause used to add both sides
together (`total_below: 3`), so evidence for coaching could turn an
undetermined answer into mentoring (mentoring 2 and coaching 0.5 were
undetermined, below 3 together; one more coaching 0.5 made the total 3 and
mentoring, still ahead, was recommended). With `strongest_below: N` (the
strongest outcome's own evidence is below N) more evidence for X can only
keep the answer, decide X, or blend; never decide the other outcome.

The property is checked on the engine's decide and, independently, on the
reference evaluator (tests/reference.py), which must agree on every draw.
"""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine
from pathfit.engine.pipeline.decide import decide
from pathfit.engine.pipeline.model import Clause, Policy
from pathfit.engine.pipeline.firings import Firing

from .decide_check import checked_verdict

OUTCOMES = ("coaching", "mentoring")
WEIGHTS = (0.1, 0.25, 0.33, 0.5, 1, 1.5, 2, 3)


@pytest.fixture(scope="module")
def bundled():
    with Engine.load() as engine:
        yield engine.ruleset


def _policy(undetermined: tuple, each: float, ratio: float) -> Policy:
    """The bundled policy's shape with the given undetermined test and thresholds."""
    return Policy(OUTCOMES, ("counselling",), (), (
        Clause("refer", (("concluded", "refer"),), "certain"),
        Clause("not_now", (("concluded", "not_now"),), "certain"),
        Clause("undetermined", (undetermined,), "shortfall"),
        Clause("blended", (("each_at_least", each), ("ratio_at_most", ratio)), "balance"),
        Clause("coaching", (("leads", "coaching"),), "share"),
        Clause("mentoring", (("leads", "mentoring"),), "share"),
        Clause("undetermined", (), "balance")))


def _both(policy: Policy, evidence: list) -> str:
    """The outcome for these fired rules' evidence [(coaching, mentoring), ...],
    from the engine and from the reference, which must agree exactly."""
    return checked_verdict(policy, evidence).outcome


def _pairs():
    one = st.tuples(st.sampled_from((0,) + WEIGHTS), st.sampled_from((0,) + WEIGHTS))
    return st.lists(one, max_size=6)


def _assert_never_the_other(policy: Policy, evidence: list, side: str, weight) -> None:
    before = _both(policy, evidence)
    after = _both(policy, evidence + [(weight, 0) if side == "coaching" else (0, weight)])
    other = next(o for o in OUTCOMES if o != side)
    if before in ("undetermined", side):
        assert after != other, (evidence, side, weight, before, after)


def test_coaching_evidence_never_turns_undetermined_into_mentoring(bundled):
    """The pinned case on the bundled policy: mentoring 2 and coaching 0.5 are
    undetermined; one more coaching 0.5 leaves it undetermined (it was mentoring)."""
    assert _both(bundled.policy, [(0.5, 2)]) == "undetermined"
    assert _both(bundled.policy, [(0.5, 2), (0.5, 0)]) == "undetermined"
    old = _policy(("total_below", 3), 4, 1.5)
    assert _both(old, [(0.5, 2), (0.5, 0)]) == "mentoring"  # what the summed test did


def test_strongest_below_borderline(bundled):
    """3 is enough on one side; 2.99 on each side together (5.98) is not."""
    assert _both(bundled.policy, [(2.99, 0)]) == "undetermined"
    assert _both(bundled.policy, [(3, 0)]) == "coaching"
    assert _both(bundled.policy, [(2.5, 2.5)]) == "undetermined"
    assert _both(bundled.policy, [(0, 3), (2.5, 0)]) == "mentoring"


def test_shortfall_counts_the_strongest_side_only(bundled):
    """docs/decision.md's worked example: mentoring 2 and coaching 1, confidence
    (3 - 2)/3; the mentoring rule takes away 2/3, the coaching rule nothing."""
    firings = [Firing(1, "c", (), (), (("coaching", 1),), (), None, False),
               Firing(2, "m", (), (), (("mentoring", 2),), (), None, False)]
    v = decide(bundled.policy, firings)
    assert (v.outcome, v.confidence, v.baseline) == ("undetermined", Fraction(1, 3), 1)
    assert v.contributions == (("c", 0), ("m", Fraction(-2, 3)))


def _evidence_of(rule) -> tuple:
    own = dict(rule.then.evidence)
    return tuple(own.get(o, 0) for o in OUTCOMES)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_more_evidence_for_x_never_decides_y_on_the_bundled_rules(bundled, data):
    """Any set of the bundled rules' evidence, plus one more bundled rule that
    gives evidence for one side only."""
    weighing = [r for r in bundled.rules if r.then.evidence]
    fired = data.draw(st.lists(st.sampled_from(weighing), max_size=8, unique_by=lambda r: r.id))
    # one side of the two this test weighs (tests/test_sponsorship_outcome.py weighs all three)
    one_sided = [r for r in weighing if len(r.then.evidence) == 1 and r.then.evidence[0][0] in OUTCOMES]
    extra = data.draw(st.sampled_from(one_sided))
    (side, weight), = extra.then.evidence
    _assert_never_the_other(bundled.policy, [_evidence_of(r) for r in fired], side, weight)


@settings(max_examples=150, deadline=None)
@given(evidence=_pairs(), side=st.sampled_from(OUTCOMES), weight=st.sampled_from(WEIGHTS),
       below=st.sampled_from((0.5, 1, 2, 3, 4)), each=st.sampled_from((0, 0.5, 1, 2, 4)),
       ratio=st.sampled_from((1, 1.25, 1.5, 2, 3)))
def test_more_evidence_for_x_never_decides_y_on_random_policies(evidence, side, weight, below, each, ratio):
    _assert_never_the_other(_policy(("strongest_below", below), each, ratio), evidence, side, weight)
