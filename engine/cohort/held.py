"""Ctrl-C and SIGTERM held off over a step of a batch that must finish whole (forking the
workers, ending them, committing the records and renaming the output), then acted on.

Blocking the signals in this thread alone is not enough: the kernel hands a signal sent to
the process to any thread that does not block it, and Python then runs the handler in the
main thread all the same, in the middle of the step. A process that runs pathfit's batch
beside a thread of its own (a test runner's, a caller's) had its step cut short. So the
handler is held off too: while the step runs, the main thread's handler only notes the
signal, and the handler that was in place runs once the step is done.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
_MASKS = hasattr(signal, "pthread_sigmask")  # none on Windows (untested), where only the handler holds


@contextmanager
def stops_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM off for the body, then act on any that came, each once.

    The signals stay blocked in this thread as well, so a process forked meanwhile starts
    with them blocked and never runs a handler of this one's (the worker sets its own before
    unblocking). Outside the main thread no handler can be set, and the mask alone holds."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS) if _MASKS else None
    noted: list[int] = []
    previous: dict[int, Callable | int] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in sorted(STOP_SIGNALS):
            handler = signal.getsignal(signum)
            if handler is not None:  # None: set outside Python, so it cannot be put back
                previous[signum] = signal.signal(signum, lambda got, frame: noted.append(got))
    try:
        yield
    finally:
        if _MASKS:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # one the kernel held is noted here
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(noted):
            _act(signum, previous[signum])


def _act(signum: int, handler: Callable | int) -> None:
    """What the signal would have done had it not been held: a Python handler is run (the
    KeyboardInterrupt it raises stops the batch), an ignored signal does nothing, and one
    left to the system is sent again, now that its default action is back in place."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        signal.raise_signal(signum)
