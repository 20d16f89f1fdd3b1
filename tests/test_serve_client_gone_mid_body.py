"""A client that goes away before its request body is whole (a Content-Length larger than
what it sends, or a chunked body cut short, then the connection closed) is answered 400
PF905, to no one, quietly: no exception leaves the app for the server to print."""
from __future__ import annotations

import asyncio

import pytest

from .serve_support import asgi_call, bundled_app  # bundled_app: the shared fixture

CUT_SHORT = {
    "decisions, Content-Length": ("/v1/decisions", "application/json", {"content-length": "100"}),
    "decisions, chunked": ("/v1/decisions", "application/json", {"transfer-encoding": "chunked"}),
    "explain, chunked": ("/v1/explain", "application/json", {"transfer-encoding": "chunked"}),
    "form, Content-Length": ("/decide", "application/x-www-form-urlencoded", {"content-length": "100"}),
}


@pytest.fixture(scope="module")
def app(bundled_app):
    return bundled_app


@pytest.mark.parametrize("path, kind, headers", CUT_SHORT.values(), ids=list(CUT_SHORT))
def test_a_body_cut_off_by_the_client_going_away_is_answered_quietly(app, path, kind, headers):
    """Regression: starlette's ClientDisconnect left the app, and the server printed its
    40-line traceback on stderr for every such client."""
    reply = asyncio.run(asgi_call(app, "POST", path, parts=[b'{"facts":', b""], disconnect=True,
                                  headers={"content-type": kind, **headers}))
    assert reply.status == 400 and [e["code"] for e in reply.json["errors"]] == ["PF905"]
