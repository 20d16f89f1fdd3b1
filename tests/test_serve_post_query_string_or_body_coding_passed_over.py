"""Regressions: what a post said beside its body was passed over in silence.

A query string on a path that is posted to: `POST /v1/explain?why_not=mentoring` was answered 200
with the explanation of how the decision was made, not why it was not mentoring, and
`POST /v1/decisions?subject=E1` was decided with no subject: an answer to a question the client
did not ask. Everything those paths take comes in the body, so a query string is refused (400
PF905) before anything is read or run; an empty one (a bare `?`) says nothing and is taken, and
the pages and reads (GET) still pass one over.

A body sent compressed (`Content-Encoding: gzip`) was read as if it were plain: the page's form
was decided as an empty form (200, "more information is needed", the answers never read) and a
decision's JSON refused as "not UTF-8", which it was never meant to be. The service reads no
coded body, so one is refused as HTTP says (415 PF905, naming the coding), nothing read or run;
`identity`, no coding at all, is taken."""

from __future__ import annotations

import asyncio
import gzip
import json

import pytest

from .serve_support import asgi_call
from .serve_support import bundled_app  # the bundled rules served in this process, shut down after

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("path, body, headers", [
    ("/v1/explain?why_not=mentoring", {"facts": {}}, None),
    ("/v1/decisions?subject=E1", {"facts": {}}, None),
    ("/decide?goal_clarity=specific", None, FORM),
], ids=["explain", "decisions", "form"])
def test_a_query_string_on_a_posted_path_is_refused(bundled_app, path, body, headers):
    reply = asyncio.run(asgi_call(bundled_app, "POST", path, body, parts=None if body else [b""], headers=headers))
    assert reply.status == 400, reply.body[:300]
    [error] = reply.json["errors"]
    assert error["code"] == "PF905" and error["fact"] is None
    assert path.partition("?")[2] in error["message"] and "body" in error["message"], error["message"]


def test_an_empty_query_string_is_taken_and_reads_still_pass_one_over(bundled_app):
    assert asyncio.run(asgi_call(bundled_app, "POST", "/v1/decisions?", {"facts": {}})).status == 200
    assert asyncio.run(asgi_call(bundled_app, "GET", "/healthz?probe=1")).status == 200


@pytest.mark.parametrize("path, kind, body", [
    ("/v1/decisions", "application/json", json.dumps({"facts": {"goal_clarity": "specific"}}).encode()),
    ("/v1/explain", "application/json", json.dumps({"facts": {}}).encode()),
    ("/decide", "application/x-www-form-urlencoded", b"goal_clarity=specific"),
], ids=["decisions", "explain", "form"])
def test_a_compressed_body_is_refused_not_read_as_plain(bundled_app, path, kind, body):
    reply = asyncio.run(asgi_call(bundled_app, "POST", path, parts=[gzip.compress(body)],
                                  headers={"Content-Type": kind, "Content-Encoding": "gzip"}))
    assert reply.status == 415, reply.body[:300]
    [error] = reply.json["errors"]
    assert error["code"] == "PF905" and "gzip" in error["message"], error
    plain = asyncio.run(asgi_call(bundled_app, "POST", path, parts=[body],
                                  headers={"Content-Type": kind, "Content-Encoding": "identity"}))
    assert plain.status == 200, plain.body[:300]
