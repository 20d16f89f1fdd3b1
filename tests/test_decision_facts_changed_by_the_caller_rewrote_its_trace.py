"""Regression: `Decision.facts` was the decision's own dict, the one its trace is worked out
from. A caller trying a change on a person's canonical facts (`nxt = d.facts; nxt["goal_clarity"]
= "undefined"; rules.evaluate(nxt)`) rewrote the first decision: its `to_dict()` gave the changed
facts, and its trace said a rule that needs `goal_clarity is specific` fired matching
`goal_clarity: undefined`, beside a `not_fired` entry that observed `specific`. `facts` now hands
the caller a copy, as `to_dict()` does: changing it changes nothing of the decision."""
from __future__ import annotations

import copy
import json

import pytest

from pathfit.engine import Engine

PERSON = {"needs": ["performance"], "goal_clarity": "specific", "measurable_soon": True, "horizon_months": 6}


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


def _as_json(decision) -> str:
    return json.dumps(decision.to_dict(), sort_keys=True)


@pytest.mark.parametrize("read_first", [False, True], ids=["trace-not-yet-read", "trace-read-before"])
def test_changing_a_decisions_facts_changes_nothing_of_it(engine, read_first):
    want = _as_json(engine.evaluate(PERSON))
    decision = engine.evaluate(PERSON)
    if read_first:
        decision.trace
    changed = decision.facts
    changed["goal_clarity"] = "undefined"
    changed["hours_per_month"] = 4
    del changed["needs"]
    other = engine.evaluate(changed)
    assert other.facts["goal_clarity"] == "undefined"
    assert _as_json(decision) == want
    assert decision.facts == engine.evaluate(PERSON).facts
    assert _as_json(copy.copy(decision)) == want


def test_the_facts_are_still_the_canonical_known_facts(engine):
    decision = engine.evaluate(PERSON)
    assert decision.facts == {"goal_clarity": "specific", "horizon_months": 6, "measurable_soon": True,
                              "needs": ("performance",)}
    assert decision.facts is not decision.facts
