"""Regression: an evaluation notes its thread as inside it before asking for the engine's lock
(so that a signal handler's evaluation is PF508, not a wait on itself). A KeyboardInterrupt, or
any exception a signal handler raised, landing just after the thread was noted, before what
forgets it again took charge, left it noted for ever: every later evaluation on that thread (a
program or notebook that caught the interrupt and went on) was PF508. Python runs a pending
handler right after a call returns, so the handler's exception is raised here from the noting
itself, once the thread is noted. Now the thread is forgotten whatever interrupts it."""
from __future__ import annotations

import json

import pytest

from pathfit.engine import Engine, PathfitError

from .core_calls import PERSON


class _InterruptedOnceNoted(set):
    """The runner's set of threads inside an evaluation, raising KeyboardInterrupt once, armed,
    just after a thread is added: where a signal handler's exception lands after that call."""

    armed = False

    def add(self, ident: int) -> None:
        super().add(ident)
        if self.armed:
            self.armed = False
            raise KeyboardInterrupt


def test_an_interrupt_just_after_the_thread_was_noted_leaves_later_evaluations_deciding():
    with Engine.load() as fresh:
        expected = json.dumps(fresh.evaluate(PERSON).to_dict(), sort_keys=True)
    with Engine.load() as engine:
        noted = engine._runner._inside = _InterruptedOnceNoted()
        noted.armed = True
        with pytest.raises(KeyboardInterrupt):
            engine.evaluate(PERSON)
        try:
            later = json.dumps(engine.evaluate(PERSON).to_dict(), sort_keys=True)
        except PathfitError as exc:
            later = [p.code for p in exc.problems]
        assert later == expected
