"""Regression: a program embedding pathfit that runs with a low recursion limit, or calls
the engine from deep in its own call stack, got Python's bare RecursionError out of
`Engine.load`, `evaluate` and a decision's `trace`, `missing` and `to_dict()`, where the API
promises a PathfitError with a code. Near the limit a rule set nested as deep as loading
allows (61 `not`s) failed to load only because its cache entry could not be pickled, though
it had loaded; and the stack running out inside durable-rules' run would have been reported
as a rule's action failing (PF501) or durable-rules' own failure (PF503), blaming the rules.

Now each call either gives what it gives with room to spare, or raises PF509 (the call
stack ran out; not a problem found in the rules or the facts), and the engine decides the
next person as before. A cache entry that cannot be written is left unwritten."""
from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError

HERE = Path(__file__).parent
FACTS = {"hours": 5, "needs": ["skill"]}


def _nested_rules(where: Path, depth: int = 61) -> Path:
    """tests/fixtures/tiny with its first rule's condition under `depth` `not`s: the deepest
    a rule file may nest (64 levels, PF107 past them)."""
    rules = where / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    text = (rules / "rules.yaml").read_text()
    cond = "{fact: hours, gte: 4}"
    for _ in range(depth):
        cond = "{not: %s}" % cond
    (rules / "rules.yaml").write_text(text.replace(
        "when: {any: [{fact: goal, equals: specific}, {fact: hours, gte: 4}]}", "when: " + cond))
    return rules


def _depth() -> int:
    """The recursion depth here as Python counts it against the limit (C calls too): the
    lowest limit Python lets be set, less one."""
    was, low, high = sys.getrecursionlimit(), 1, sys.getrecursionlimit()
    try:
        while low < high:
            middle = (low + high) // 2
            try:
                sys.setrecursionlimit(middle)
            except RecursionError:
                low = middle + 1
            else:
                high = middle
    finally:
        sys.setrecursionlimit(was)
    return low - 1


def _with_room(room: int, call):
    """`call()` with the recursion limit `room` calls above the caller's depth."""
    was = sys.getrecursionlimit()
    sys.setrecursionlimit(_depth() + room)
    try:
        return call()
    finally:
        sys.setrecursionlimit(was)


def _load_decide_explain(rules: Path) -> dict:
    with Engine.load(rules) as engine:
        decision = engine.evaluate(FACTS)
        return {"trace": decision.trace, "missing": decision.missing, "whole": decision.to_dict()}


@pytest.mark.parametrize("cache", ["off", "on"])
def test_the_stack_running_out_is_pf509_never_recursionerror(tmp_path, monkeypatch, cache):
    rules = _nested_rules(tmp_path)
    if cache == "on":
        monkeypatch.setenv("PATHFIT_CACHE", "1")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    expected = _load_decide_explain(rules)
    outcomes = set()
    for room in range(12, 260, 3):
        if cache == "on":
            shutil.rmtree(tmp_path / "cache", ignore_errors=True)  # every load a miss, so each one writes
        try:
            got = _with_room(room, lambda: _load_decide_explain(rules))
        except PathfitError as err:
            assert [p.code for p in err.problems] == ["PF509"], (room, err)
            outcomes.add("PF509")
        else:
            assert got == expected, room
            outcomes.add("decided")
    assert outcomes == {"PF509", "decided"}
    assert _load_decide_explain(rules) == expected


def test_an_engine_whose_stack_ran_out_decides_the_next_person_as_before(tmp_path):
    rules = _nested_rules(tmp_path)
    with Engine.load(rules) as engine:
        expected = engine.evaluate(FACTS).to_dict()
        refused = 0
        for room in range(11, 80):
            try:
                _with_room(room, lambda: engine.evaluate(FACTS).to_dict())
            except PathfitError as err:
                assert [p.code for p in err.problems] == ["PF509"], (room, err)
                refused += 1
            assert engine.evaluate(FACTS).to_dict() == expected, room
        assert refused


def test_a_cache_entry_that_cannot_be_pickled_is_not_kept_and_the_rules_load(tmp_path, monkeypatch):
    from pathfit.engine.pipeline import cache_keep

    rules = _nested_rules(tmp_path)
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def ran_out(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded while pickling an object")

    monkeypatch.setattr(cache_keep.pickle, "dumps", ran_out)
    with Engine.load(rules) as engine:
        assert engine.evaluate(FACTS).outcome
    assert not list((tmp_path / "cache").rglob("*.pickle"))
    assert not list((tmp_path / "cache").rglob("*.tmp"))
    monkeypatch.setattr(cache_keep.pickle, "dumps", pickle.dumps)
