"""Regression: fact names handed to the Python API as a subclass of str (a StrEnum of the
schema's names, a str whose repr is its own) were kept as given in the checked facts, the
decision's `facts` and `to_dict()["facts"]`, where values of such a class are made plain:
`yaml.safe_dump(decision.to_dict())` raised RepresenterError, and the dict's repr and pickle
named the caller's class. Now the names are the schema's own plain str, on the fast path and on
the careful one (a profile naming its subject) alike: the same facts as plain names give."""
from __future__ import annotations

import enum
import pickle

import pytest
import yaml

from pathfit.engine import Engine


class Name(enum.StrEnum):
    GOAL = "goal_clarity"
    NEEDS = "needs"
    MEASURABLE = "measurable_soon"


class Tagged(str):
    def __repr__(self) -> str:
        return f"Tagged({str.__repr__(self)})"


PLAIN = {"goal_clarity": "specific", "needs": ["performance"], "measurable_soon": True}


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


@pytest.mark.parametrize("kind", [Name, Tagged])
@pytest.mark.parametrize("more", [{}, {"subject": "E1"}])
def test_fact_names_of_a_str_subclass_are_plain_in_the_decision(engine, kind, more):
    given = {(Name(k) if kind is Name else Tagged(k)): v for k, v in PLAIN.items()} | more
    plain = engine.evaluate(PLAIN | more)
    decision = engine.evaluate(given)
    assert {type(k) for k in engine.check(given)} == {str}
    assert {type(k) for k in decision.facts} == {type(k) for k in decision.to_dict()["facts"]} == {str}
    assert repr(decision.to_dict()) == repr(plain.to_dict())
    assert pickle.dumps(decision.to_dict()) == pickle.dumps(plain.to_dict())
    assert yaml.safe_dump(decision.to_dict()) == yaml.safe_dump(plain.to_dict())
