"""A request body opening with a UTF-8 byte order mark (as .NET's UTF8 encoding and Windows tools
write it) was refused "not JSON: Unexpected UTF-8 BOM (decode using utf-8-sig)", Python's own
advice, where every JSON pathfit reads from a file (a profile, a JSON Lines corpus) takes the mark
as no part of the text, as RFC 8259 allows. The API now takes it alike: the same answer as
without it. A mark of another encoding is still refused (PF905)."""
from __future__ import annotations

from .serve_support import call
from .serve_support import server  # the module-scoped service the serve tests share

BODY = b'{"facts": {"needs": ["performance"], "career_stage": "executive"}}'
JSON = {"Content-Type": "application/json"}


def test_a_body_opening_with_a_utf8_bom_is_read_as_without_it(server):
    plain = call(server, "POST", "/v1/decisions", raw=BODY, headers=JSON)
    marked = call(server, "POST", "/v1/decisions", raw=b"\xef\xbb\xbf" + BODY, headers=JSON)
    assert plain.status == 200, plain.body
    assert (marked.status, marked.body) == (200, plain.body)


def test_a_utf16_body_is_still_refused(server):
    reply = call(server, "POST", "/v1/decisions", raw=BODY.decode().encode("utf-16"), headers=JSON)
    assert reply.status == 400 and [e["code"] for e in reply.json["errors"]] == ["PF905"]
