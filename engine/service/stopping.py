"""The server `pathfit serve` runs: uvicorn's, whose second signal stops waiting for the callers
on every Python, as docs/serve.md says.

Why: on a second Ctrl-C uvicorn stops waiting for the requests under way, then waits for its
listening servers to close (asyncio's `Server.wait_closed`), and its event loop ends, cancelling
each request still waiting: guard.py answers it 503 PF907. Until Python 3.11 `wait_closed`
returned at once once the server was closed; from 3.12 it waits until every connection is
dropped, and a connection is dropped only once its request is answered, so each caller waited
for its evaluation, however long, and the second signal changed nothing. Here the requests
still waiting are cancelled as soon as the second signal has come, during the shutdown, before
anything waits for their connections: each is answered 503 PF907, its connection closes, and
the evaluation it queued still runs to its end and is recorded (cli/serve.py waits for those).
"""
from __future__ import annotations

import asyncio
import socket

import uvicorn

POLL = 0.1  # seconds between looks at the second signal, as often as uvicorn looks at its own flags


class Server(uvicorn.Server):
    """uvicorn's server, cutting off the requests still waiting once a second signal came."""

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        cutting = asyncio.ensure_future(self._cut_off_when_forced())
        try:
            await super().shutdown(sockets=sockets)
        finally:
            cutting.cancel()

    async def _cut_off_when_forced(self) -> None:
        """Wait for the second signal (`force_exit`), then cancel every request's task. The
        listening servers are closed first thing in the shutdown, and no connection takes a
        request after its answer then, so no request begins after this has looked."""
        while not self.force_exit:
            await asyncio.sleep(POLL)
        for task in list(self.server_state.tasks):
            task.cancel()
