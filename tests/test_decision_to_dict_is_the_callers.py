"""What `Decision.to_dict()` returns is the caller's to change: the decision keeps its own.

Regression: to_dict() handed out the decision's own trace (every other field was fresh each
time), so a caller's edit of one result showed in every later to_dict(), in `.trace`, and in a
record made from the decision afterwards.
"""
from __future__ import annotations

import pathlib

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record_line
from pathfit.engine.program_json import json_for_programs

from .helpers import ROOT

PROFILE = {"needs": ["performance"], "goal_clarity": "specific", "hours_per_month": 4, "ready_for_change": True}
STAMP = {"record_id": "00000000-0000-0000-0000-000000000000", "timestamp": "2024-01-01T00:00:00.000000Z"}


@pytest.fixture(scope="module")
def rules():
    with Engine.load() as engine:
        yield engine


def _deface(value) -> None:
    """Change every dict and list inside `value`, in place, at every depth."""
    if isinstance(value, dict):
        for item in list(value.values()):
            _deface(item)
        for key in list(value):
            if not isinstance(value[key], (dict, list)):
                value[key] = "defaced"
        value["defaced"] = True
    elif isinstance(value, list):
        for item in value:
            _deface(item)
        value[:] = [item if isinstance(item, (dict, list)) else "defaced" for item in value] + ["defaced"]


def test_editing_a_to_dict_result_deeply_changes_nothing_of_the_decision(rules):
    decision = rules.evaluate(PROFILE)
    printed = json_for_programs(decision.to_dict())
    trace = json_for_programs(decision.trace)
    mine = decision.to_dict()
    assert mine["trace"]["firings"] and mine["trace"]["not_fired"]
    _deface(mine)
    assert mine["trace"]["decision"]["outcome"] == "defaced"
    assert json_for_programs(decision.to_dict()) == printed
    assert json_for_programs(decision.trace) == trace
    _deface(decision.to_dict())  # one more, never read
    assert json_for_programs(decision.to_dict()) == printed


def test_a_record_made_after_the_edit_is_the_record_of_the_decision(rules):
    edited, untouched = rules.evaluate(PROFILE), rules.evaluate(PROFILE)
    _deface(edited.to_dict())
    assert build_record_line(rules, edited, None, **STAMP)[1] == build_record_line(rules, untouched, None, **STAMP)[1]


def test_each_to_dict_is_a_structure_of_its_own(rules):
    decision = rules.evaluate(PROFILE)
    first, second = decision.to_dict(), decision.to_dict()
    assert first == second

    def containers(value, found: list) -> list:
        if isinstance(value, (dict, list)):
            found.append(value)
            for item in value.values() if isinstance(value, dict) else value:
                containers(item, found)
        return found
    theirs = {id(c) for c in containers(second, [])} | {id(c) for c in containers(decision.trace, [])}
    assert not [c for c in containers(first, []) if id(c) in theirs]


def test_the_decisions_own_dict_is_reached_from_the_engine_alone():
    """The engine's writers read the decision's own trace without a copy; nothing outside the
    engine's package names that path."""
    here = pathlib.Path(__file__).resolve()
    outside = [p for top in ("cli", "src", "bench", "tools", "tests") for p in (ROOT / top).rglob("*.py")
               if p.resolve() != here and "_own_dict" in p.read_text(encoding="utf-8")]
    assert outside == []
