"""Whether an exception came out of a signal handler of the program's own, not out of the engine.

A handler a program embedding pathfit sets (`signal.signal(signal.SIGALRM, ...)` raising its own
TimeoutError, say) runs wherever the interpreter is when the signal comes, inside a durable-rules
action or between two calls of the core too. Its exception is the program's to catch as itself:
reported as PF501 (a rule's action failed) or PF503 (durable-rules failed) it would be a false
claim, and the program's own `except TimeoutError` would never see it. Told apart by the frames
it passed through: a handler's exception is raised in (or under) the handler's own frame, which
is in its traceback; an exception of the engine's, the core's included, never passes through one.
Asked only when an evaluation has failed, never on the way to a decision.
"""
from __future__ import annotations

import signal
from functools import partial


def by_signal_handler(exc: BaseException) -> bool:
    """True if `exc` was raised by a Python signal handler installed now (or code it called)."""
    codes = set()
    for number in signal.valid_signals():
        try:
            handler = signal.getsignal(number)
        except (OSError, ValueError):
            continue
        code = _code(handler)
        if code is not None:
            codes.add(code)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code in codes:
            return True
        tb = tb.tb_next
    return False


def _code(handler: object) -> object:
    """The code a handler runs, whose frame its exception passes through: a function's own, a
    bound method's function's, a `functools.partial`'s function's, a callable object's
    `__call__`'s (a partial or an object has no `__code__` of its own, and theirs were taken for
    the engine's faults). None for a handler written in C (`signal.default_int_handler`)."""
    for _ in range(16):  # a partial of a bound method of ...: a few steps at most
        code = getattr(handler, "__code__", None)
        if code is not None:
            return code
        if isinstance(handler, partial):
            handler = handler.func
        elif hasattr(handler, "__func__"):
            handler = handler.__func__
        else:
            call = getattr(type(handler), "__call__", None)
            if getattr(call, "__code__", None) is None:
                return None
            handler = call
    return None
