"""A client that connects and sends nothing, or half a request's head, or a head and half its
body, and then waits, is not waited for past `--timeout`: its connection is closed (the half
body answered 408 PF905 first). Regression: each such connection stayed open as long as the
client liked, whatever `--timeout`, so a few hundred of them held every file descriptor the
process could open; the service then answered no one and printed asyncio's traceback for each
connection it could not accept, thousands a second."""
from __future__ import annotations

import json
import socket
import time

from .serve_support import Server

TIMEOUT = 1.0
HEAD = b"POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
WHOLE = HEAD + b"Content-Length: 12\r\n\r\n{\"facts\":{}}"


def _held(port: int, sent: bytes) -> tuple[float, bytes]:
    """(seconds until the service closed the connection, what it sent before), or the time waited."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT + 8) as conn:
        if sent:
            conn.sendall(sent)
        start, received = time.monotonic(), b""
        try:
            while chunk := conn.recv(65536):
                received += chunk
        except TimeoutError:
            pass
        return time.monotonic() - start, received


def _first_answer(received: bytes) -> tuple[int, bytes]:
    head, _, rest = received.partition(b"\r\n\r\n")
    length = int([line.split(b":")[1] for line in head.lower().split(b"\r\n") if line.startswith(b"content-length")][0])
    return int(head.split()[1]), rest[:length]


def test_a_silent_or_half_sent_request_is_not_waited_for_past_the_time_limit():
    srv = Server("--timeout", str(TIMEOUT))
    try:
        for sent in (b"", HEAD, WHOLE + HEAD):  # nothing; half a head; a whole request, then half the next head
            waited, received = _held(srv.port, sent)
            assert waited < TIMEOUT + 4, (sent, waited)
            if sent.startswith(WHOLE):
                assert _first_answer(received)[0] == 200
            else:
                assert received == b"", received
        waited, received = _held(srv.port, HEAD + b"Content-Length: 40\r\n\r\n{\"facts\":")  # half a body
        assert waited < TIMEOUT + 4, waited
        status, body = _first_answer(received)
        assert status == 408
        assert [e["code"] for e in json.loads(body)["errors"]] == ["PF905"]
        assert b"x-content-type-options: nosniff" in received.lower()
        assert srv.stop().splitlines()[1:] == []  # nothing printed but the banner
    finally:
        if srv.proc.poll() is None:
            srv.stop()
