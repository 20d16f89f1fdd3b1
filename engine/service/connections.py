"""How long `pathfit serve` waits for a request to arrive: at most its time limit (`--timeout`).

Why: uvicorn closes a connection left idle after an answer (keep-alive), but waits as long as
a client likes for a request's head before the first answer, or once a client has begun the
next one, and so did the service for a body. Each such connection holds a file descriptor: a
few hundred clients that connect and send nothing, or send half a request and wait, held every
one the process could open, and the service answered no one (asyncio printed a traceback for
each connection it could not accept, thousands a second). Here a connection on which no
request's head has come whole within the time limit, from its opening or from the last
answer, is closed; a body is bounded by the app (app.body_of: 408 PF905). uvicorn's own
protocol for HTTP/1.1 (h11), so the service behaves alike wherever it runs, httptools
installed or not.
"""
from __future__ import annotations

import asyncio
import sys

from uvicorn.protocols.http.h11_impl import H11Protocol


def waiting_at_most(limit: float) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol, closing a connection whose next request's head has not come
    whole `limit` seconds after it opened or after its last answer was sent."""

    class Bounded(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def handle_events(self) -> None:
            cycle = self.cycle
            super().handle_events()
            if self.cycle is not cycle:  # a request's head came whole: the app answers it, its body bounded there
                self._disarm()

        def on_response_complete(self) -> None:
            self._arm()  # before: a request already sent (pipelined) is taken up in there, and disarms it
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(limit, self._expired)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expired(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

    return Bounded


def say_accept_failures_once_a_second(loop: asyncio.AbstractEventLoop, limit: float) -> None:
    """A connection the loop cannot accept (no file descriptor left: EMFILE, ENFILE, or no
    memory for it) said as one warning line a second, not as asyncio says it: a traceback for
    each connection waiting, as many as the listening socket's backlog (2048) each second the
    failure lasts. Anything else the loop reports is left to the handler it had."""
    previous = loop.get_exception_handler()
    said = [float("-inf")]

    def handler(loop: asyncio.AbstractEventLoop, context: dict) -> None:
        exc = context.get("exception")
        if context.get("message") != "socket.accept() out of system resource" or not isinstance(exc, OSError):
            return previous(loop, context) if previous is not None else loop.default_exception_handler(context)
        if loop.time() - said[0] >= 1:
            said[0] = loop.time()
            sys.stderr.write(f"warning: cannot accept a connection: {exc.strerror or exc}; each open connection holds "
                             f"one, and one silent for {limit:g} s (--timeout) is closed; accepting is tried again "
                             "in a second\n")
            sys.stderr.flush()

    loop.set_exception_handler(handler)
