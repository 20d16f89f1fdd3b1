"""Regression: an evaluation begun on the thread already evaluating with the same engine (a
signal handler of the program's) is PF508, but only where it landed while the core was running.
The engine noted its thread just after taking its lock and forgot it just before letting it go,
so a handler that ran in either gap waited for a lock its own thread held: the program hung for
ever. The handler is made to run in each gap here (the engine's lock wrapped so that a call runs
right after it is taken and right before it is let go); waiting is bounded, so a hang shows as
a timeout. Now the thread is noted before the lock is asked for and forgotten after it is let
go: the handler's evaluation is PF508 in both gaps, and the one it interrupted decides as a
fresh engine does."""
from __future__ import annotations

import json

import pytest

from pathfit.engine import Engine, PathfitError

from .core_calls import PERSON


class _Gaps:
    """The runner's lock, calling `hook` once, armed, right after it is taken (`after_take`)
    or right before it is let go."""

    def __init__(self, lock, hook, after_take: bool):
        self.lock, self.hook, self.after_take, self.armed = lock, hook, after_take, False

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        return self.lock.acquire(blocking, timeout)

    def release(self) -> None:
        self.lock.release()

    def _ring(self) -> None:
        if self.armed:
            self.armed = False
            self.hook()

    def __enter__(self):
        if not self.lock.acquire(timeout=5):
            raise TimeoutError("waited for the engine's lock held by this very thread")
        if self.after_take:
            self._ring()
        return self

    def __exit__(self, *exc) -> None:
        try:
            if not self.after_take:
                self._ring()
        finally:
            self.lock.release()


@pytest.mark.parametrize("after_take", [True, False], ids=["just taken", "about to be let go"])
def test_an_evaluation_begun_in_either_gap_is_pf508_not_a_hang(after_take):
    with Engine.load() as fresh:
        expected = json.dumps(fresh.evaluate(PERSON).to_dict(), sort_keys=True)
    with Engine.load() as engine:
        inner: list = []

        def handler() -> None:
            try:
                engine.evaluate(PERSON)
                inner.append("decided")
            except PathfitError as exc:
                inner.append([p.code for p in exc.problems])
            except TimeoutError:
                inner.append("hung")

        gaps = engine._runner._lock = _Gaps(engine._runner._lock, handler, after_take)
        gaps.armed = True
        outer = json.dumps(engine.evaluate(PERSON).to_dict(), sort_keys=True)
        assert inner == [["PF508"]]
        assert outer == expected
        assert json.dumps(engine.evaluate(PERSON).to_dict(), sort_keys=True) == expected
