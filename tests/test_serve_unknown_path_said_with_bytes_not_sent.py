"""Regression: a path the service does not have (404) or a method it does not take there (405)
was named in the refusal as decoded: a %-escape of a byte that is not UTF-8 (`/%ff`) was said as
U+FFFD (`no such path: /\ufffd`), a path no one sent, and an escaped line break or bidirectional
control was written into the message as that character. The path is now said as it was sent,
%-escapes and all."""
from __future__ import annotations

import pytest

from .serve_support import call
from .serve_support import server  # the module-scoped plain service the serve tests share


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/%ff", 404), ("GET", "/a%0Ab", 404), ("GET", "/%E2%80%AEx", 404), ("POST", "/report/%ff", 405)])
def test_the_refusal_names_the_path_as_sent(server, method, path, status):
    reply = call(server, method, path)
    assert reply.status == status, reply.body
    [error] = reply.json["errors"]
    assert error["code"] == "PF909"
    assert f" {path}" in error["message"], error["message"]
    assert "\ufffd" not in error["message"] and "\n" not in error["message"] and "\u202e" not in error["message"]
