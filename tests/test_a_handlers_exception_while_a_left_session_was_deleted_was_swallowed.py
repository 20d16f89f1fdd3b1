"""A program's own signal handler whose exception lands while the engine deletes a session an
earlier interruption left (`_sweep`, before the next person) gets that exception back as
itself, and the session is still deleted.

Regression: `_sweep` caught every Exception as the core's bare error on a session already
gone: the program's alarm exception landing there was swallowed, the evaluation going on as if
no alarm had rung, and the session being deleted was forgotten while the core still held it,
its sentinel's action never started, so it could never be deleted. After about a thousand of
them the core's 1,024 sessions were used up and every evaluation of that engine was a bare
MemoryError.
"""
from __future__ import annotations

import pytest

import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.engine import Engine

from .core_calls import CORE_SESSIONS, PERSON, AfterCall, Late, alarm, decided, raising, ringing


def test_the_alarm_while_a_left_session_is_deleted_comes_out_and_leaks_nothing(monkeypatch):
    with Engine.load() as fresh:
        expected = decided(fresh)
    core = AfterCall(adapter._core, "assert_fact", raising(KeyboardInterrupt))
    monkeypatch.setattr(adapter, "_core", core)
    with alarm(), Engine.load() as engine:
        for _ in range(CORE_SESSIONS + 50):
            core.then, core.armed = raising(KeyboardInterrupt), 1  # lands as a session opens: the session is left
            with pytest.raises(KeyboardInterrupt):
                engine.evaluate(PERSON)
            core.then, core.armed = ringing(), 1  # lands as the left session is deleted, before the person
            with pytest.raises(Late):
                engine.evaluate(PERSON)
        for _ in range(3):
            assert decided(engine) == expected
