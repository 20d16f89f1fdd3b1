"""Regression: a value handed to the Python API of a type no profile file, JSON or command line
gives was refused in words that named a value the fact takes: `Decimal("6")` for a number from
1 to 120 was "horizon_months is a number from 1 to 120, not 6", a Fraction "not 13/2", an object
whose str() is `specific` "goal_clarity is one of specific, emerging, undefined; not specific".
The refusal (its code, its place) was right; its words said the caller's value was the one
allowed. Now such a value's type is said beside it (`6 (of type Decimal)`), and an object that is
no number or enum member is named by its type alone: its str() is its own, and may be what was
refused, an address that differs from run to run, or an exception. An object whose str() raises
escaped as that exception."""
from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction

import pytest

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError, Pos


class Clarity(enum.Enum):
    SPECIFIC = "specific"


class Says:
    """An object that words itself as a value the fact takes."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


class Unworded:
    def __str__(self) -> str:
        raise TypeError("no words")

    __repr__ = __str__


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


@pytest.mark.parametrize("fact, value, code", [
    ("horizon_months", Decimal("6"), "PF402"), ("horizon_months", Decimal("6.5"), "PF402"),
    ("horizon_months", Fraction(13, 2), "PF402"), ("horizon_months", 6 + 0j, "PF402"),
    ("goal_clarity", Clarity.SPECIFIC, "PF403"), ("goal_clarity", Says("specific"), "PF403"),
    ("measurable_soon", Says("true"), "PF402"), ("needs", [Says("performance")], "PF403"),
    ("goal_clarity", Unworded(), "PF403"), ("needs", [Unworded()], "PF403"),
])
def test_a_value_of_another_type_is_refused_naming_its_type(engine, fact, value, code):
    for call in (engine.check, engine.evaluate):
        with pytest.raises(PathfitError) as got:
            call({fact: value}, "caller")
        [problem] = got.value.problems
        assert (problem.code, problem.pos) == (code, Pos("caller"))
        assert f"of type {type(value if not isinstance(value, list) else value[0]).__name__}" in problem.message


def test_an_iterator_is_named_the_same_on_every_run(engine):
    said = set()
    for _ in range(3):
        with pytest.raises(PathfitError) as got:
            engine.check({"needs": iter(["performance"])})
        said.add(got.value.problems[0].message)
    assert len(said) == 1 and " 0x" not in said.pop()


def test_a_key_whose_words_raise_is_an_unknown_fact(engine):
    with pytest.raises(PathfitError) as got:
        engine.check({Unworded(): 1, "goal_clarity": "specific"})
    assert [(p.code, p.pos) for p in got.value.problems] == [("PF401", Pos("<profile>"))]
