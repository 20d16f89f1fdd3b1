"""Regression: a profile handed to the Python API was asked for attributes that only pathfit's
own located mappings have (`at`, `key_at`, `as_written`, `pos`, `held`), by name: a dict
subclass of the caller's with an attribute so named (a row's `at` timestamp, an `as_written`
flag, a `held` count, a `pos` on an object that is no mapping) got Python's TypeError or
AttributeError ("'str' object is not callable", "'Row' object has no attribute 'key_at'")
instead of its problem's code, and a valid one naming its subject was refused so. Now such
attributes are read only of pathfit's own mappings: the caller's are checked as a plain dict."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine, PathfitError
from pathfit.engine.errors import Pos


class Stamped(dict):
    at = "2024-05-01"  # when the row was taken


class Located(dict):
    def at(self, key: object) -> str:
        return "the third line"


class Flagged(dict):
    as_written = True


class Counted(dict):
    held = 5


class Placed:
    pos = "here"


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


def _refused(call, profile) -> list[tuple[str, Pos]]:
    with pytest.raises(PathfitError) as refused:
        call(profile)
    return [(p.code, p.pos) for p in refused.value.problems]


@pytest.mark.parametrize("profile, code", [
    (Stamped(goal_clarity="nope"), "PF403"), (Located(goal_clarity="nope"), "PF403"),
    (Flagged(goal_clarity="nope"), "PF403"), (Counted(goal_clarit="specific"), "PF401"),
    (Stamped(goal_clarity="nope", subject="E1"), "PF403"), (Placed(), "PF406"),
])
def test_a_profile_with_an_attribute_of_such_a_name_gets_its_code(engine, profile, code):
    for call in (engine.check, engine.evaluate):
        assert _refused(call, profile) == [(code, Pos("<profile>"))]


@pytest.mark.parametrize("kind", [Stamped, Located, Flagged, Counted])
def test_a_valid_profile_with_such_an_attribute_decides_as_a_plain_dict(engine, kind):
    facts = {"goal_clarity": "specific", "needs": ["performance"], "subject": "E1"}
    assert engine.evaluate(kind(facts)).to_dict() == engine.evaluate(facts).to_dict()
