"""Regression: `pathfit serve` made its own listening socket (cli/serve.py, `listening`) without
naming TCP as its protocol, and asyncio turns off Nagle's algorithm (TCP_NODELAY) only on the
connections of a socket that names it. So every connection was served with Nagle on: an answer
written as its head and then its body held the body back until the client acknowledged the head,
which a client keeping its connection open (an HR system's HTTP session, a browser) does only
after its delayed-acknowledgement timer, about 40 ms on Linux. Every answer on such a connection
came 40 ms late: `GET /healthz` took 45 ms, not half a millisecond. Now each connection is served
with TCP_NODELAY set, as a server that binds its own address would be.

Counted, not timed: the connections accepted, as uvicorn accepts them (asyncio's create_server on
the socket given), that still have Nagle's algorithm on."""
from __future__ import annotations

import asyncio
import socket

from pathfit.cli.serve import listening


def _nagle_on_connections(host: str) -> list[int]:
    """TCP_NODELAY of each connection accepted on a socket `listening` made, served as uvicorn
    serves the socket it is handed (`loop.create_server(sock=...)`)."""
    sock = listening(host, 0)
    seen: list[int] = []

    class Seen(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(Seen, sock=sock)
        async with server:
            for _ in range(2):
                reader, writer = await asyncio.open_connection(*sock.getsockname()[:2])
                await reader.read()  # until the server closes it
                writer.close()
                await writer.wait_closed()

    try:
        asyncio.run(main())
    finally:
        sock.close()
    return seen


def test_every_connection_has_nagle_off():
    flags = _nagle_on_connections("127.0.0.1")
    assert len(flags) == 2
    assert [f for f in flags if not f] == []
