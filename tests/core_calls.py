"""durable-rules' C core with something done right after one of its calls returns: where a real
signal's handler runs (at the first instruction after the call), made to happen at a chosen call
every time, for the tests of evaluations a signal cuts short. Set as the adapter's core
(`monkeypatch.setattr(adapter, "_core", AfterCall(adapter._core, ...))`)."""
from __future__ import annotations

import signal
from typing import Callable


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
