"""A program's signal handler given as a `functools.partial` or as an object with `__call__`
(as common as a plain function) whose exception lands inside an evaluation gets that
exception back as itself, as a plain function's does
(tests/test_a_hosts_alarm_exception_was_reported_as_an_engine_fault.py).

Regression: the handler's frame was looked for by the code of the handler installed, read
only off a function or a bound method; a partial or a callable object has no `__code__`, so
its exception, raised between two calls of durable-rules, was PF503 ("durable-rules failed
during evaluation"), and raised while the person's facts were taken back it was swallowed,
the evaluation ending as if no alarm had rung.
"""
from __future__ import annotations

import functools

import pytest

from .core_calls import Late, alarm, alarm_in_a_run_comes_out_as_itself


def _ring(what: type[Exception], signum, frame):
    raise what()


class _Ringer:
    def __call__(self, signum, frame):
        raise Late()

    def ring(self, signum, frame):
        raise Late()


HANDLERS = {
    "partial": lambda: functools.partial(_ring, Late),
    "partial_of_a_partial": lambda: functools.partial(functools.partial(_ring), Late),
    "callable_object": _Ringer,
    "partial_of_a_bound_method": lambda: functools.partial(_Ringer().ring),
}


@pytest.mark.parametrize("kind", sorted(HANDLERS))
@pytest.mark.parametrize("call", ["assert_fact", "retract_fact", "complete_and_start_action"])
def test_the_handlers_exception_comes_out_as_itself(kind, call, monkeypatch):
    with alarm(HANDLERS[kind]()):
        alarm_in_a_run_comes_out_as_itself(call, monkeypatch)
