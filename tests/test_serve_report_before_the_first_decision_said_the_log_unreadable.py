"""Regression: a service started with `--audit-log` on a log not yet made (it is made at the first
decision) answered `/report/ID` with "PF100: cannot read file: No such file or directory", as if
the log had been lost, naming no file, where docs/serve.md says an id no record has is 404 PF616,
as it is without an audit log. No record is kept until the first decision, so every id is now
answered as one no record has, the log left unmade."""
from __future__ import annotations

from .serve_support import call
from .serve_support import audited  # the module-scoped audited service the serve tests share

SOME_ID = "0b7f4c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b"


def test_an_id_asked_before_the_first_decision_is_no_record(audited):
    assert not audited.log.exists()
    reply = call(audited, "GET", f"/report/{SOME_ID}")
    assert reply.status == 404, reply.body
    assert reply.json["errors"] == [{"code": "PF616", "message": f"no records with id '{SOME_ID}'", "fact": None}]
    assert not audited.log.exists()
    assert call(audited, "POST", "/v1/decisions", body={"facts": {}}).status == 200
    again = call(audited, "GET", f"/report/{SOME_ID}")  # the same answer once the log holds a record
    assert (again.status, again.json) == (reply.status, reply.json)
