"""`pathfit serve` reads a request body of up to 64 KiB and refuses one byte more (413 PF904),
whether the client says its length (Content-Length) or sends it in pieces without one (chunked),
where the limit is found only as the pieces come. The tests before sent 70,000 bytes with a
Content-Length, so a limit moved by a few KiB, or the count kept over the pieces dropped, went
unseen."""
from __future__ import annotations

import asyncio

import pytest

from .serve_support import asgi_call, bundled_app  # bundled_app: the shared fixture

LIMIT = 64 * 1024
HEAD = b'{"facts": {}'


@pytest.fixture(scope="module")
def app(bundled_app):
    return bundled_app


def _body(size: int) -> bytes:
    """A valid JSON request of exactly `size` bytes: no facts, padded with spaces."""
    return HEAD + b" " * (size - len(HEAD) - 1) + b"}"


def _send(app, body: bytes, chunked: bool):
    """POST /v1/decisions: with its Content-Length, or in 4 KiB pieces and no length given."""
    if chunked:
        parts = [body[i:i + 4096] for i in range(0, len(body), 4096)]
        headers = {"content-type": "application/json", "transfer-encoding": "chunked"}
    else:
        parts = [body]
        headers = {"content-type": "application/json", "content-length": str(len(body))}
    return asyncio.run(asgi_call(app, "POST", "/v1/decisions", parts=parts, headers=headers))


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_body_of_exactly_64_kib_is_read(app, chunked):
    reply = _send(app, _body(LIMIT), chunked)
    assert reply.status == 200, reply.body[:500]


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_body_one_byte_over_64_kib_is_refused_pf904(app, chunked):
    reply = _send(app, _body(LIMIT + 1), chunked)
    assert reply.status == 413 and [e["code"] for e in reply.json["errors"]] == ["PF904"]
