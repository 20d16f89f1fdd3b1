"""Regression: the web page's title starts "Error:" so that one using a screen reader hears on
arrival that the answers were not taken (docs/serve.md), but it did so only where a problem
was tied to a question or box. A page refused for a field the form does not ask about (422),
or answered with a failure of the server's (the audit log, the engine, the time limit, a full
queue: 500 or 503), had the very title of a page that took the answers, so nothing said on
arrival that no recommendation came. Every page that answers a post without a recommendation
now has a title starting "Error:"; one that took the answers still has none."""
from __future__ import annotations

import asyncio
import re

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .serve_support import asgi_call, shut_down
from .serve_support import bundled_app  # the module-scoped app on the bundled rules

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _post(app, body: bytes):
    reply = asyncio.run(asgi_call(app, "POST", "/decide", parts=[body], headers=FORM))
    return reply, re.search(r"<title>(.*?)</title>", reply.body.decode()).group(1)


def test_a_field_the_form_does_not_ask_gives_an_error_title(bundled_app):
    taken, plain = _post(bundled_app, b"goal_clarity=specific")
    reply, title = _post(bundled_app, b"goal_clarity=specific&bogus=1")
    assert taken.status == 200 and not plain.startswith("Error:")
    assert reply.status == 422 and "a field this form does not ask about" in reply.body.decode()
    assert title == f"Error: {plain}"


def test_a_failure_of_the_servers_gives_an_error_title(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load() as engine:
        app = create_app(Service(engine, str(tmp_path / "no-such-directory" / "audit.jsonl")))
        try:
            reply, title = _post(app, b"goal_clarity=specific")
        finally:
            shut_down(app)
    assert reply.status == 500 and 'id="failure-audit"' in reply.body.decode()
    assert title.startswith("Error: ")
