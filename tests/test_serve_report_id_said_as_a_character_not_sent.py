"""Regression: `/report/ID` with a %-escape of a byte that is not UTF-8 (`/report/%ff`) said
"no records with id '\ufffd'": the id as the HTTP server decoded it, a replacement character no
one sent, where `pathfit report --id` given the same byte says `'\\udcff'` (the byte kept, as
every command line and the page's form keep it). The id is now read from the path as sent, a
byte that is not UTF-8 kept as a lone surrogate, so the refusal quotes it as the CLI does; an
id of UTF-8 text is read as before."""
from __future__ import annotations

import pytest

from .serve_support import call
from .serve_support import audited  # the module-scoped audited service the serve tests share


@pytest.mark.parametrize(("path", "said"), [
    ("/report/%ff", "'\\udcff'"), ("/report/a%FFb", "'a\\udcffb'"), ("/report/%C3%A9", "'\u00e9'"),
    ("/report/%E2%80%AE", "'\\u202e'")])
def test_the_id_is_quoted_as_the_cli_quotes_it(audited, path, said):
    assert call(audited, "POST", "/v1/decisions", body={"facts": {}}).status == 200  # the log holds a record
    reply = call(audited, "GET", path)
    assert reply.status == 404, reply.body
    [error] = reply.json["errors"]
    assert error["code"] == "PF616"
    assert error["message"] == f"no records with id {said}"
    assert "\ufffd" not in error["message"]
