"""A crafted post of the web page's form with a control character in an answer is refused
with PF101, as every way in refuses it; the page must say so beside the question, not word it
as an answer that is not one of the choices (PF403's words, which the form's own re-check of
the value gave whatever the problem's code was).

Regression: `goal_clarity=specific%07` was refused (PF101) but the page said "The answer is one
of Specific, ...; not 'specific\\x07'"; a number's or a list's likewise as no number or no item."""
from __future__ import annotations

import asyncio
import html

import pytest

from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .serve_support import asgi_call, shut_down


@pytest.mark.parametrize("sent", ["goal_clarity=specific%07", "needs=network%07", "horizon_months=1%07"])
def test_the_page_says_a_control_character_is_what_is_wrong(engine, sent):
    app = create_app(Service(engine))
    try:
        reply = asyncio.run(asgi_call(app, "POST", "/decide", parts=[sent.encode()],
                                      headers={"content-type": "application/x-www-form-urlencoded"}))
    finally:
        shut_down(app)
    assert reply.status == 422, reply.text[-600:]
    text = html.unescape(reply.text)
    section = text[text.index('id="errors"'):]
    assert "The answer holds a control character (U+0007)" in section, section[:800]
    assert " is one of " not in section and " takes " not in section and " is a number " not in section, section[:800]
