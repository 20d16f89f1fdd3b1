"""Regression: a profile handed to the Python API whose value holds itself, as PyYAML's own
`yaml.safe_load` makes of an alias (`needs: &a [performance, *a]`; pathfit's reader refuses
aliases, a caller's may not), or a list nested past what Python recurses through, escaped
`Engine.check` and `Engine.evaluate` as a RecursionError from the wording of the refusal,
never the PathfitError the API promises. Now it is refused as any wrong value of its type is,
worded by its type ("a list")."""
from __future__ import annotations

import pytest
import yaml

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError, Pos


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as e:
        yield e


def _nested(depth: int) -> list:
    value: list = ["performance"]
    for _ in range(depth):
        value = [value]
    return value


def _holding_itself() -> dict:
    mapping: dict = {"a": 1}
    mapping["b"] = mapping
    return mapping


@pytest.mark.parametrize("profile, code", [
    (yaml.safe_load("needs: &a [performance, *a]"), "PF403"),
    (yaml.safe_load("goal_clarity: &a [specific, *a]"), "PF403"),
    ({"goal_clarity": _holding_itself()}, "PF403"),
    ({"horizon_months": _holding_itself()}, "PF402"),
    ({"needs": [_nested(5000)]}, "PF403"),
    ({"goal_clarity": _nested(5000)}, "PF403"),
], ids=["set-alias", "enum-alias", "mapping-in-itself", "number-mapping-in-itself", "set-deep", "enum-deep"])
def test_a_value_holding_itself_or_nested_past_recursion_is_a_located_refusal(engine, profile, code):
    for call in (engine.check, engine.evaluate):
        with pytest.raises(PathfitError) as got:
            call(profile, "people.yaml")
        assert [(p.code, p.pos) for p in got.value.problems] == [(code, Pos("people.yaml"))]
