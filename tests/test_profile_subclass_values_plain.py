"""A value of a subclass of int, float or str is checked, and decided on, as the plain value.

Regression: the profile check kept an IntEnum or a float subclass as given, and the fact's text
for durable-rules' C core is written with repr(), which such a class may override: an IntEnum
and a float subclass whose repr names its class were PF503 ("durable-rules failed during
evaluation"), one whose repr shows another number a false PF505 naming a rule durable-rules
"did not fire". The check now hands back the plain int, float or str.
"""
from __future__ import annotations

import enum
import json

import pytest

from pathfit.engine import Engine

BASE = {"wellbeing_concern": False, "major_disruption": False, "formal_performance_process": False,
        "systemic_cause": False, "willing_to_change": True, "ready_for_change": True,
        "horizon_months": 3, "goal_clarity": "specific", "needs": ["performance"], "hours_per_month": 4}


class Hours(enum.IntEnum):
    FOUR = 4


class Tagged(float):
    """A float carrying its unit in its repr, as a caller's own number type might."""

    def __repr__(self) -> str:
        return f"Tagged({float(self)})"


class Rounded(float):
    """A float whose repr shows another number than its value."""

    def __repr__(self) -> str:
        return "0.5"


class Counted(int):
    def __repr__(self) -> str:
        return "Counted(?)"


class Clarity(enum.StrEnum):
    SPECIFIC = "specific"


class Need(enum.StrEnum):
    NETWORK = "network"


class Shouted(str):
    def __repr__(self) -> str:
        return "SHOUTED"

    def __str__(self) -> str:
        return "emerging"


@pytest.fixture(scope="module")
def rules():
    with Engine.load() as engine:
        yield engine


@pytest.mark.parametrize("fact, given, plain", [
    ("hours_per_month", Hours.FOUR, 4),
    ("hours_per_month", Counted(4), 4),
    ("hours_per_month", Tagged(4.5), 4.5),
    ("hours_per_month", Rounded(4.5), 4.5),
    ("hours_per_month", Tagged(4.0), 4),
    ("horizon_months", Hours.FOUR, 4),
    ("goal_clarity", Clarity.SPECIFIC, "specific"),
    ("goal_clarity", Shouted("specific"), "specific"),
    ("needs", [Need.NETWORK, Shouted("performance")], ["network", "performance"]),
    ("needs", (Shouted("performance"),), ["performance"]),
], ids=["IntEnum", "int-own-repr", "float-own-repr", "float-repr-another-number", "whole-float-subclass",
        "IntEnum-horizon", "StrEnum-enum", "str-own-str", "set-members", "set-tuple"])
def test_a_subclass_value_decides_as_the_plain_value(rules, fact, given, plain):
    checked = rules.check(dict(BASE, **{fact: given}))
    expected = rules.check(dict(BASE, **{fact: plain}))
    assert checked == expected
    kept = checked[fact] if fact != "needs" else checked[fact]
    assert [type(v) for v in (kept if fact == "needs" else [kept])] == \
        [type(v) for v in (expected[fact] if fact == "needs" else [expected[fact]])]
    decided = rules.evaluate(dict(BASE, **{fact: given}))
    assert json.dumps(decided.to_dict(), sort_keys=True) == \
        json.dumps(rules.evaluate(dict(BASE, **{fact: plain})).to_dict(), sort_keys=True)
    assert {type(v) for v in decided.facts.values()} <= {int, float, str, bool, tuple}
