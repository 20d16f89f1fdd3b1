"""The service's `/report/ID` on an audit log that does not verify drew a record the chain vouches
for, or answered an id no record has (PF616), with no word of the damage, where `pathfit report`
warns that the log does not verify. The page now says so, at its top, with the first problem's
code; a 404 gives the log's problem after its own."""
from __future__ import annotations

import json
import re

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .test_report_unverified_log import forged_tail, served_with_a_token


def test_the_report_page_and_404_of_a_log_that_does_not_verify_say_so(tmp_path, engine, key):
    from .serve_support import call

    log = forged_tail(tmp_path, engine, key)
    first = json.loads(log.read_bytes().splitlines()[0])["record"]["id"]
    srv = served_with_a_token(tmp_path, log, key)
    try:
        drawn = call(srv, "GET", f"/report/{first}", headers=srv.auth)
        assert drawn.status == 200, drawn.text[:300]
        said = re.search(r'<p id="log-unverified"[^>]*>(.*?)</p>', drawn.text, re.S)
        assert said is not None and "PF602" in said.group(1), drawn.text[:2000]
        unknown = call(srv, "GET", "/report/00000000-0000-4000-8000-000000000000", headers=srv.auth)
        assert unknown.status == 404
        assert [e["code"] for e in unknown.json["errors"]] == ["PF616", "PF602"], unknown.json
    finally:
        srv.stop()


def test_the_report_page_of_a_log_that_verifies_has_no_such_word(tmp_path, engine, key):
    from .serve_support import Server, call

    log = forged_tail(tmp_path, engine, key)
    intact = tmp_path / "intact.jsonl"
    intact.write_bytes(b"".join(log.read_bytes().splitlines(keepends=True)[:3]))
    first = json.loads(intact.read_bytes().splitlines()[0])["record"]["id"]
    srv = Server("--audit-log", str(intact), env={"PATHFIT_AUDIT_KEY_FILE": str(key.path)})
    try:
        drawn = call(srv, "GET", f"/report/{first}")
        assert drawn.status == 200 and "log-unverified" not in drawn.text, drawn.text[:300]
    finally:
        srv.stop()
