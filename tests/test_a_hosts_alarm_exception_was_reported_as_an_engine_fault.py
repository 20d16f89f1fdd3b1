"""A program's own signal handler whose exception lands inside an evaluation (an alarm raising
the program's TimeoutError) gets that exception back as itself.

Regression: the exception was taken for an internal fault of the engine's wherever it landed
among durable-rules' calls: inside a rule's action it became PF501 ("a rule's action failed",
naming the rule), between two calls of the core PF503 ("durable-rules failed during
evaluation"), both false, and the program's `except TimeoutError` never saw it; landing while
the person's facts were taken back, it was swallowed, and the evaluation went on as if no alarm
had rung. Exceptions of the engine's own are unchanged (tests/test_run.py, test_session_reuse.py).
"""
from __future__ import annotations

import pytest

from pathfit.engine import Engine, PathfitError

from .alarm_storms import storm
from .core_calls import PERSON, alarm, alarm_in_a_run_comes_out_as_itself, decided


@pytest.mark.parametrize("call", ["assert_fact", "retract_fact", "complete_and_start_action"])
def test_the_alarms_exception_comes_out_as_itself(call, monkeypatch):
    with alarm():
        alarm_in_a_run_comes_out_as_itself(call, monkeypatch)


def test_a_hosts_alarm_ringing_anywhere_is_never_a_pathfit_error():
    """1,500 evaluations cut short by the program's alarm, in a process of its own: each
    one's exception is the program's, and the person is then decided as a fresh engine does."""
    with Engine.load() as fresh:
        expected = decided(fresh)
    assert storm(PERSON, "Late", 1500, seed=11) == (1500, expected)


def test_an_engine_fault_is_still_pf501(monkeypatch):
    """An action failing of itself, with a handler installed, is still the engine's fault."""
    with alarm(), Engine.load() as engine:
        monkeypatch.setattr(engine._runner, "_effects", None)  # every rule's action now fails
        with pytest.raises(PathfitError) as caught:
            engine.evaluate(PERSON)
        assert caught.value.problems[0].code == "PF501"
