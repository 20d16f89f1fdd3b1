"""The run stage: failures inside durable-rules' actions surface as located errors,
the process and the engine survive them, and no thread is ever started."""
from __future__ import annotations

import threading

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import HERE

COACHING = {"goal": "specific", "needs": ["skill"], "ready": True}


@pytest.fixture()
def tiny():
    with Engine.load(HERE / "fixtures" / "tiny") as rules:
        yield rules


class _Exploding:
    """Derived facts that raise when the action reads them."""

    def __iter__(self):
        raise ValueError("boom")


def test_action_failure_names_the_rule_and_engine_survives(tiny, monkeypatch):
    runner = tiny._runner
    index = [r.id for r in tiny.ruleset.rules].index("e.coach")
    real = runner._effects
    effects = list(real)
    effects[index] = (_Exploding(),) + effects[index][1:]  # e.coach's action fails as it runs
    monkeypatch.setattr(runner, "_effects", tuple(effects))
    with pytest.raises(PathfitError) as info:
        tiny.evaluate(COACHING)
    (problem,) = info.value.problems
    assert problem.code == "PF501" and "'e.coach'" in problem.message and "boom" in problem.message
    assert problem.pos.file.endswith("rules.yaml") and problem.pos.line == 12
    monkeypatch.setattr(runner, "_effects", real)
    assert tiny.evaluate(COACHING).outcome == "coaching"  # the session was cleaned up


def test_runaway_firing_is_stopped(tiny, monkeypatch):
    monkeypatch.setattr(tiny._runner, "_max_actions", 1)
    with pytest.raises(PathfitError) as info:
        tiny.evaluate(COACHING)
    assert info.value.codes == ["PF502"]
    monkeypatch.setattr(tiny._runner, "_max_actions", 100)
    assert tiny.evaluate(COACHING).fired == ("d.structured", "e.coach")


def test_a_runaway_is_located_at_the_rule_that_crossed_the_limit_and_names_it(tiny, monkeypatch):
    """PF502 is located and named as PF501 is: at the rule whose firing crossed the limit (e.coach,
    the second of two firings under a limit of one), its id in the message. The test above
    checked the code alone."""
    monkeypatch.setattr(tiny._runner, "_max_actions", 1)
    with pytest.raises(PathfitError) as info:
        tiny.evaluate(COACHING)
    (problem,) = info.value.problems
    assert (problem.code, problem.pos.file.endswith("rules.yaml"), problem.pos.line) == ("PF502", True, 12), problem
    assert "'e.coach'" in problem.message


def test_no_thread_is_started():
    before = threading.active_count()
    with Engine.load() as rules:
        for _ in range(20):
            rules.evaluate({"needs": ["performance"], "goal_clarity": "specific"})
    assert threading.active_count() == before


def test_trace_records_matched_facts_and_effects(tiny):
    decision = tiny.evaluate(COACHING)
    first, second = decision.trace["firings"]
    assert first == {"step": 1, "rule": "d.structured", "matched": [{"fact": "goal", "value": "specific"}],
                     "derived": ["structured"]}
    assert second["rule"] == "e.coach" and second["evidence"] == {"coaching": 3}
    assert {"fact": "needs", "member": "skill", "value": True} in second["matched"]
    assert {"fact": "structured", "value": True} in second["matched"]
