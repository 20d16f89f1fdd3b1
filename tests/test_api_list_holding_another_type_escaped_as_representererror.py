"""Regression: a profile handed to the Python API with a list or mapping where a fact takes one
value, holding a value YAML's safe writer does not write (a StrEnum or IntEnum member, a Decimal,
a tuple, a set, bytes, any object), escaped `Engine.check` and `Engine.evaluate` as PyYAML's
RepresenterError from the wording of the refusal: `{"goal_clarity": [Clarity.SPECIFIC]}` never got
its PF403. Now the list or mapping is shown with each such item as a lone value is (a subclass of
str, int or float as its plain value, any other type as `show` words it), and refused located."""
from __future__ import annotations

import enum
from decimal import Decimal

import pytest

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError, Pos


class Clarity(enum.StrEnum):
    SPECIFIC = "specific"


class Months(enum.IntEnum):
    SIX = 6


class Thing:
    pass


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


@pytest.mark.parametrize("fact, value, code", [
    ("goal_clarity", [Clarity.SPECIFIC], "PF403"), ("horizon_months", [Months.SIX], "PF402"),
    ("horizon_months", [Decimal("6")], "PF402"), ("measurable_soon", {"answer": Thing()}, "PF402"),
    ("goal_clarity", [("specific",)], "PF403"), ("goal_clarity", {"specific": {"a"}}, "PF403"),
    ("goal_clarity", [b"specific"], "PF403"), ("goal_clarity", {("a", 1): "specific"}, "PF403"),
    ("goal_clarity", {Clarity.SPECIFIC: [Months.SIX, 2.5]}, "PF403"),
])
def test_a_list_or_mapping_holding_another_type_is_a_located_refusal(engine, fact, value, code):
    for call in (engine.check, engine.evaluate):
        with pytest.raises(PathfitError) as got:
            call({fact: value}, "caller")
        assert [(p.code, p.pos) for p in got.value.problems] == [(code, Pos("caller"))]


def test_subclass_items_are_shown_as_their_plain_values(engine):
    said = []
    for value in ([Clarity.SPECIFIC, Months.SIX], ["specific", 6]):
        with pytest.raises(PathfitError) as got:
            engine.check({"goal_clarity": value})
        said.append(got.value.problems[0].message)
    assert said[0] == said[1]
