"""Regression: a profile handed to the Python API as a mapping that is not a dict (a
`types.MappingProxyType`, a `collections.UserDict`, a `collections.ChainMap`, a read-only view a
caller keeps its answers behind) was refused PF406, "a profile maps fact names to values, not
mappingproxy": of a value that does map fact names to values. `Engine.check` and
`Engine.evaluate` now take any mapping, read once when called, and decide it as the dict of the
same items; a value that maps nothing (a list, text, a number) is still PF406."""
from __future__ import annotations

import json
from collections import ChainMap, UserDict
from types import MappingProxyType

import pytest

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError, Pos

FACTS = {"needs": ["performance"], "goal_clarity": "specific", "measurable_soon": True, "horizon_months": 6}


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


@pytest.mark.parametrize("wrap", [MappingProxyType, UserDict, lambda d: ChainMap({}, d)],
                         ids=["mappingproxy", "userdict", "chainmap"])
def test_a_mapping_is_decided_as_the_dict_of_its_items(engine, wrap):
    want = engine.evaluate(dict(FACTS)).to_dict()
    assert engine.check(wrap(dict(FACTS))) == engine.check(dict(FACTS))
    assert json.dumps(engine.evaluate(wrap(dict(FACTS))).to_dict(), sort_keys=True) == json.dumps(want, sort_keys=True)


@pytest.mark.parametrize("wrap", [MappingProxyType, UserDict], ids=["mappingproxy", "userdict"])
def test_a_mappings_bad_value_is_located_as_a_dicts(engine, wrap):
    with pytest.raises(PathfitError) as got:
        engine.evaluate(wrap({"goal_clarity": "vague", "horizon": 3}), "caller")
    assert [(p.code, p.pos) for p in got.value.problems] == [("PF401", Pos("caller")), ("PF403", Pos("caller"))]


def test_a_mapping_changed_after_the_call_changes_nothing_decided(engine):
    answers = {"goal_clarity": "specific"}
    decision = engine.evaluate(MappingProxyType(answers))
    answers["goal_clarity"] = "undefined"
    assert decision.facts == {"goal_clarity": "specific"}


@pytest.mark.parametrize("value", [[("goal_clarity", "specific")], "goal_clarity: specific", 3, None])
def test_what_maps_nothing_is_still_pf406(engine, value):
    with pytest.raises(PathfitError) as got:
        engine.check(value, "caller")
    assert [(p.code, p.pos) for p in got.value.problems] == [("PF406", Pos("caller"))]
