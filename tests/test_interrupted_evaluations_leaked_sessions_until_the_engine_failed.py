"""An evaluation cut short by the host's signal (Ctrl-C's KeyboardInterrupt, an alarm's
exception) at any point leaves the engine deciding every later person as a fresh one does.

Regression: a durable-rules session the interruption caught outside the adapter's clean-up
was never deleted: one interrupted just after the core made it (`_open`, whose first call
costs the most, so the one a timer lands after most often), or while the person's facts were
being retracted (`_put_back`, which caught only `Exception`). The core holds at most 1,024
sessions per rule set, so after about a thousand such interruptions every evaluation of that
engine raised a bare MemoryError, for good. A Ctrl-C landing while a session was being opened
was also turned into PF503 ("durable-rules failed opening a session"), swallowing the
interrupt and blaming durable-rules. Each session the core may hold is now known to the
adapter until it is deleted, and one an interruption left is deleted before the next person.

A signal's exception is raised at the first instruction after the call that was running, so
each case here raises it right after a real call of the core returns.
"""
from __future__ import annotations

import pytest

import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.engine import Engine

from .alarm_storms import storm
from .core_calls import CORE_SESSIONS, PERSON, AfterCall, decided, raising


# (core call, calls of it let through before the interrupt): where a signal can land with a
# session the core holds; each happens in every evaluation, the first two in a new session's opening
PLACES = [("assert_fact", 0), ("start_action_for_state", 0), ("retract_fact", 3), ("get_facts", 0)]


@pytest.mark.parametrize("call,skip", PLACES, ids=[p[0] for p in PLACES])
def test_interruptions_past_the_cores_session_limit_leave_the_engine_deciding(call, skip, monkeypatch):
    with Engine.load() as fresh:
        expected = decided(fresh)
    core = AfterCall(adapter._core, call, raising(KeyboardInterrupt))
    monkeypatch.setattr(adapter, "_core", core)
    with Engine.load() as engine:
        interrupted = 0
        for _ in range(CORE_SESSIONS + 50):
            core.armed, core.skip = 1, skip
            with pytest.raises(KeyboardInterrupt):
                engine.evaluate(PERSON)
            interrupted += core.armed == 0
        assert interrupted == CORE_SESSIONS + 50
        core.armed = 0
        for _ in range(3):  # an idle session kept and reused, as after no interruption
            assert decided(engine) == expected


def test_ctrl_c_while_a_session_opens_is_the_interrupt_itself(monkeypatch):
    """The sentinel's action completed, then the interrupt: KeyboardInterrupt, not PF503."""
    core = AfterCall(adapter._core, "complete_and_start_action", raising(KeyboardInterrupt))
    monkeypatch.setattr(adapter, "_core", core)
    with Engine.load() as engine:
        core.armed = 1
        with pytest.raises(KeyboardInterrupt):
            engine.evaluate(PERSON)
        with Engine.load() as fresh:
            assert decided(engine) == decided(fresh)


def test_a_hosts_alarm_interrupting_evaluations_leaves_the_engine_deciding():
    """A host's own timer, in a process of its own: 1,200 evaluations cut short by an
    alarm raising KeyboardInterrupt wherever it lands, then the person decided as a fresh
    engine decides them."""
    with Engine.load() as fresh:
        expected = decided(fresh)
    assert storm(PERSON, "KeyboardInterrupt", 1200, seed=7) == (1200, expected)
