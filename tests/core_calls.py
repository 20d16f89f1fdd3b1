"""durable-rules' C core with something done right after one of its calls returns: where a real
signal's handler runs (at the first instruction after the call), made to happen at a chosen call
every time, for the tests of evaluations a signal cuts short. Set as the adapter's core
(`monkeypatch.setattr(adapter, "_core", AfterCall(adapter._core, ...))`)."""
from __future__ import annotations

import json
import signal
from contextlib import contextmanager
from typing import Callable, Iterator

import pytest

import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.engine import Engine


class AfterCall:
    """The core, calling `then()` right after the next call of `name` returns, once for each time
    it is `armed` (a count, or True for once), the first `skip` such calls going through."""

    def __init__(self, real, name: str, then: Callable[[], None], skip: int = 0):
        self._real, self.name, self.then, self.skip, self.armed = real, name, then, skip, 0

    def __getattr__(self, name):
        call = getattr(self._real, name)
        if name != self.name:
            return call

        def after(*args):
            result = call(*args)
            if self.armed:
                if self.skip:
                    self.skip -= 1
                else:
                    self.armed -= 1
                    self.then()
            return result
        return after


def raising(exc: type[BaseException]) -> Callable[[], None]:
    """Raise `exc` there, as a handler raising it would (KeyboardInterrupt: Ctrl-C's)."""
    def raise_it() -> None:
        raise exc()
    return raise_it


def ringing(signum: int = signal.SIGALRM) -> Callable[[], None]:
    """Send the process `signum` there: its handler, the program's, runs at once."""
    return lambda: signal.raise_signal(signum)


CORE_SESSIONS = 1024  # rete.h MAX_STATE_INDEX_LENGTH: sessions one rule set holds at once
# a person for whom several rules fire and whose facts are taken back after the run
PERSON = {"needs": ["performance"], "goal_clarity": "specific", "hours_per_month": 4,
          "ready_for_change": True, "budget_external_coach": True}


class Late(Exception):
    """The program's own exception, raised by its alarm's handler."""


def raise_late(signum, frame) -> None:
    raise Late()


@contextmanager
def alarm(handler: Callable = raise_late) -> Iterator[None]:
    """The program's SIGALRM handler (by default one raising Late) installed for the block."""
    was = signal.signal(signal.SIGALRM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, was)


def decided(engine) -> str:
    """PERSON's decision by `engine`, as sorted JSON: to compare with a fresh engine's."""
    return json.dumps(engine.evaluate(PERSON).to_dict(), sort_keys=True)


def alarm_in_a_run_comes_out_as_itself(call: str, monkeypatch) -> None:
    """With the program's handler installed: the alarm rung right after `call` inside a person's run
    comes out of `evaluate` as Late, and the engine then decides PERSON as a fresh one does."""
    with Engine.load() as fresh:
        expected = decided(fresh)
    core = AfterCall(adapter._core, call, ringing())
    monkeypatch.setattr(adapter, "_core", core)
    with Engine.load() as engine:
        engine.evaluate(PERSON)  # a session opened and kept: the alarm lands in a person's run
        core.armed = True
        with pytest.raises(Late):
            engine.evaluate(PERSON)
        assert not core.armed
        assert decided(engine) == expected


# The start of a child process's script for a signal handler that lands inside a person's run:
# `expected`, the person's decision from a fresh engine; `core`, the adapter's core ringing SIGUSR1
# after its next assert_fact once armed; `engine`, the engine the handler is given; `inner`, what
# the handler found. argv: the person as JSON, the repository's root.
HANDLER_PRELUDE = r"""import json, signal, sys
import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.engine import Engine, PathfitError

person = json.loads(sys.argv[1])
with Engine.load() as fresh:
    expected = json.dumps(fresh.evaluate(person).to_dict(), sort_keys=True)

sys.path.insert(0, sys.argv[2])
from tests.core_calls import AfterCall, ringing
core = adapter._core = AfterCall(adapter._core, "assert_fact", ringing(signal.SIGUSR1))
engine = Engine.load()
inner = []

"""


# After a script's `handler`: SIGUSR1 handled by it, a session opened and kept (so the handler
# lands inside a person's run), the core armed, and the person decided twice: `outer`, the run the
# handler interrupted, and `after`, the next, each as sorted JSON; the engine then closed.
HANDLER_TWICE = r"""
signal.signal(signal.SIGUSR1, handler)
engine.evaluate(person)
core.armed = True
outer = json.dumps(engine.evaluate(person).to_dict(), sort_keys=True)
after = json.dumps(engine.evaluate(person).to_dict(), sort_keys=True)
engine.close()
"""
