"""A value handed to the Python API as a subclass of str or float, refused for its type, is quoted
in the message as the plain value it stands for: a StrEnum was quoted as Python's repr
(`not <Stage.EXEC: 'executive'>`), and a text whose own repr says something else as that."""
from __future__ import annotations

import enum

import pytest

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError


class Stage(enum.StrEnum):
    EXEC = "executive"


class Sly(str):
    def __repr__(self) -> str:
        return "'evil'"


class Hours(float):
    def __str__(self) -> str:
        return "99 hours"

    __repr__ = __str__


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


@pytest.mark.parametrize("fact, value, plain", [
    ("ready_for_change", Stage.EXEC, "executive"), ("hours_per_month", Stage.EXEC, "executive"),
    ("ready_for_change", Sly("true"), "true"), ("ready_for_change", Hours(2.5), 2.5),
])
def test_a_refused_subclass_value_is_quoted_as_the_plain_value(engine, fact, value, plain):
    with pytest.raises(PathfitError) as got:
        engine.check({fact: value})
    with pytest.raises(PathfitError) as want:
        engine.check({fact: plain})
    assert [p.code for p in got.value.problems] == [p.code for p in want.value.problems] == ["PF402"]
    assert [p.message for p in got.value.problems] == [p.message for p in want.value.problems]
