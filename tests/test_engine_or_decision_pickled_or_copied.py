"""Regression: pickling an Engine or a Decision raised pickle's own AttributeError ("Can't
pickle local object ..."), copy.deepcopy of either a TypeError ("cannot pickle
'_thread.lock' object"), and copy.copy of an Engine made a second engine sharing the first's
durable-rules ruleset, so closing the copy closed the original. Now pickling either, and
copying an Engine, is PF507 saying what to do instead; a Decision copied (copy.copy or
copy.deepcopy) is a decision of its own, equal to the original in every part."""
from __future__ import annotations

import copy
import pickle

import pytest

from pathfit.engine import Engine, PathfitError

PROFILE = {"needs": ["performance", "career_direction"], "goal_clarity": "specific", "mentor_available": True}


def _code(call, *args) -> list[str]:
    with pytest.raises(PathfitError) as refused:
        call(*args)
    return [p.code for p in refused.value.problems]


@pytest.fixture()
def rules():
    with Engine.load() as engine:
        yield engine


def test_pickling_an_engine_or_a_decision_is_pf507(rules):
    decision = rules.evaluate(PROFILE)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert _code(pickle.dumps, rules, protocol) == ["PF507"]
        assert _code(pickle.dumps, decision, protocol) == ["PF507"]
    assert pickle.loads(pickle.dumps(decision.to_dict())) == decision.to_dict()  # what to pickle instead


def test_copying_an_engine_is_pf507_and_leaves_it_open(rules):
    assert _code(copy.copy, rules) == ["PF507"]
    assert _code(copy.deepcopy, rules) == ["PF507"]
    assert rules.evaluate(PROFILE).outcome  # still open: no copy closed it


def test_a_copied_decision_is_the_decision_and_its_own(rules):
    decision = rules.evaluate(PROFILE)
    whole = decision.to_dict()
    for copied in (copy.copy(decision), copy.deepcopy(decision), copy.deepcopy([decision])[0]):
        assert copied.to_dict() == whole
        assert copied.trace is not decision.trace
        copied.trace["firings"].clear()  # the copy's own trace: the original's stays as it was
    assert decision.to_dict() == whole


def test_a_decision_copied_after_its_engine_closed_is_whole():
    with Engine.load() as engine:
        decision = engine.evaluate(PROFILE)
        whole = decision.to_dict()
    assert copy.deepcopy(decision).to_dict() == whole
