"""Regression: the guards read a header sent twice at its last line only, so the answer hung on
the order the lines came in: two Authorization headers, a wrong token and then the right one,
were let in, and the same two the other way round refused; two Origin headers, another site's
and then the service's own, passed the cross-site check on a post. Authorization is one value
(RFC 9110 lists no second): sent more than once it is refused, 401 PF903 saying so, whatever
the lines hold; and a post is refused if any Origin it carries is another site's."""
from __future__ import annotations

import asyncio

import pytest
from starlette.responses import PlainTextResponse

from pathfit.engine.service.guard import Guard

from .serve_support import asgi_call

TOKEN = "s3cret-token-for-tests-only-0123456789"
RIGHT, WRONG = ("Authorization", f"Bearer {TOKEN}"), ("Authorization", "Bearer not-the-token-0123456789")


async def _served(scope, receive, send) -> None:
    await PlainTextResponse("served")(scope, receive, send)


@pytest.mark.parametrize("lines", [(WRONG, RIGHT), (RIGHT, WRONG), (RIGHT, RIGHT)], ids=["right-last", "right-first",
                                                                                     "right-twice"])
def test_authorization_sent_twice_is_refused_whatever_its_order(lines):
    reply = asyncio.run(asgi_call(Guard(_served, TOKEN, True), "GET", "/healthz", repeated=lines))
    assert reply.status == 401 and [e["code"] for e in reply.json["errors"]] == ["PF903"], reply.body
    assert "once" in reply.json["errors"][0]["message"]
    assert asyncio.run(asgi_call(Guard(_served, TOKEN, True), "GET", "/healthz", repeated=[RIGHT])).status == 200


def test_a_post_with_any_origin_of_another_site_is_refused():
    origins = [("Origin", "http://attacker.example"), ("Origin", "http://127.0.0.1")]
    reply = asyncio.run(asgi_call(Guard(_served, None, True), "POST", "/v1/decisions", {"facts": {}}, repeated=origins))
    assert reply.status == 403 and [e["code"] for e in reply.json["errors"]] == ["PF908"], reply.body
    own = asyncio.run(asgi_call(Guard(_served, None, True), "POST", "/v1/decisions", {"facts": {}},
                                repeated=origins[1:]))
    assert own.status == 200, own.body
