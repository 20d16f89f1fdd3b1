"""Regression: with `--audit-log`, the page's form posted with its token (`:sent`) holding a byte
that is not UTF-8 (`:sent=%FF`, which no page draws but any client can send) and answers the
page refuses was answered "500 Internal Server Error" in plain text, its traceback printed on
the server's stderr: the refusal page carries the token it came with, and a lone surrogate
(how such a byte is read, docs/serve.md) cannot be written as UTF-8. A token no page can hold
is now replaced by one drawn afresh, as a box holding such text is left empty: the refusal
is the page's 422, its problems listed."""
from __future__ import annotations

import pytest

from .html_support import Tree
from .serve_support import call
from .serve_support import audited  # the module-scoped audited service the serve tests share

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("token", [b"%FF", b"\xff", b"ab%C3", b"%ED%A0%80"])
def test_a_refused_post_with_a_token_not_utf8_is_the_pages_refusal(audited, token):
    reply = call(audited, "POST", "/decide", raw=b":sent=" + token + b"&hours_per_month=999", headers=FORM)
    assert reply.status == 422, reply.body[:300]
    tree = Tree(reply.text)
    assert "hours" in tree.by_id("errors")["text"].lower()
    [sent] = [e["attrs"]["value"] for e in tree.elements if e["attrs"].get("name") == ":sent"]
    assert sent and sent.isascii() and "\ufffd" not in sent
