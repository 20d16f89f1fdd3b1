"""`pathfit report` on a log that does not verify warns as `audit show` and `replay` do, and
draws no page for a record the chain does not vouch for: a forged entry appended to a log
(its own hash right, linking to no earlier entry) is not drawn as an audit log entry."""
from __future__ import annotations

import json
from pathlib import Path

from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import entry_hash
from pathfit.engine.audit.record import canonical, seal

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import PLAIN_EXAMPLE, record_for, run

FORGED_ID = "f0f0f0f0-0000-4000-8000-000000000000"


def forged_tail(tmp_path, engine, key) -> Path:
    log = tmp_path / "audit.jsonl"
    for _ in range(3):
        append(log, record_for(engine, Path(PLAIN_EXAMPLE), key), None)
    forged = json.loads(log.read_bytes().splitlines()[-1])
    forged["record"]["id"] = FORGED_ID
    forged["record"] = seal(forged["record"])
    forged.update(prev="ab" * 32, seq=4)
    forged["hash"] = entry_hash(forged)
    with open(log, "ab") as f:
        f.write(canonical(forged) + b"\n")
    return log


def served_with_a_token(tmp_path, log: Path, key):
    """`pathfit serve` on `log` with the audit key and a token file (so a report page may be drawn),
    sending the token with `srv.auth`; the caller stops it."""
    from .serve_support import Server

    token = tmp_path / "token"
    token.write_text("t" * 32 + "\n")
    token.chmod(0o600)
    return Server("--audit-log", str(log), "--token-file", str(token), env={"PATHFIT_AUDIT_KEY_FILE": str(key.path)},
                  auth={"Authorization": f"Bearer {'t' * 32}"})


def test_report_draws_no_page_for_an_entry_the_chain_does_not_vouch_for(tmp_path, engine, key):
    log = forged_tail(tmp_path, engine, key)
    out = tmp_path / "forged.html"
    result = run("report", log, "--id", "f0f0f0f0", "--out", out)
    assert result.exit_code == 1 and not out.exists(), result.stdout + result.stderr
    assert result.stderr.startswith("warning: the log does not verify: ")
    assert "no page written" in result.stderr


def test_report_of_an_entry_before_the_first_problem_is_drawn_with_a_warning(tmp_path, engine, key):
    log = forged_tail(tmp_path, engine, key)
    first = json.loads(log.read_bytes().splitlines()[0])["record"]["id"]
    out = tmp_path / "first.html"
    result = run("report", log, "--id", first, "--out", out, "--audit-key", key.path)
    assert result.exit_code == 0 and out.exists(), result.stdout + result.stderr
    assert result.stderr.startswith("warning: the log does not verify: ") and f"wrote {out}" in result.stderr
    intact = tmp_path / "intact.jsonl"
    intact.write_bytes(b"".join(log.read_bytes().splitlines(keepends=True)[:3]))
    clean = run("report", intact, "--id", first, "--out", tmp_path / "clean.html", "--audit-key", key.path)
    assert clean.exit_code == 0 and "warning" not in clean.stderr


def test_the_services_report_page_draws_no_entry_the_chain_does_not_vouch_for(tmp_path, engine, key):
    """The service's printable report read the log as `report` did: a forged entry was drawn."""
    from .serve_support import call

    log = forged_tail(tmp_path, engine, key)
    first = json.loads(log.read_bytes().splitlines()[0])["record"]["id"]
    srv = served_with_a_token(tmp_path, log, key)
    try:
        forged = call(srv, "GET", f"/report/{FORGED_ID}", headers=srv.auth)  # the service takes whole ids only
        assert forged.status == 404, forged.text[:300]
        error = forged.json["errors"][0]
        assert error["code"] == "PF602" and "line 4" in error["message"], error  # the service gives no positions
        drawn = call(srv, "GET", f"/report/{first}", headers=srv.auth)
        assert drawn.status == 200 and "Decision record" in drawn.text
    finally:
        srv.stop()
