"""`pathfit report --id`, `audit show --id` and the service's `/report/ID`, given the audit key,
read a record that comes after one whose seal does not hold (a box forged, resealed, the log
re-chained: PF630 at its line from `audit verify` with the same key) as if the log were sound:
the page was written (exit 0), `audit show` and the page gave no warning. Only the chain was
verified before the record was read; the seals of the records before it never were. Now the
seals are checked with the key as the log is verified, as `audit verify` checks them: the log's
first problem is that PF630, `report` and `/report/ID` draw no record after it (exit 1; 404 with
the code), `audit show` warns with it, and the forged record itself is refused with its own
problem, said once.
"""
from __future__ import annotations

import asyncio

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import seal
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .hmac_records import copy_key, rechained
from .serve_support import asgi_call, shut_down

FORGED_ID = "aa7e1141-0815-4ba9-b381-826697c9623e"  # line 1, its sealed subject's box forged
LATER_ID = "c515c9db-6ef0-4160-8a81-996e721cf97c"  # line 2, sound


def forge_subject(record: dict) -> dict:
    box = record["subject"]["box"]
    record["subject"]["box"] = ("0" if box[0] != "0" else "1") + box[1:]
    return seal(record)


@pytest.fixture
def forged(tmp_path):
    return rechained(tmp_path, forge_subject), copy_key(tmp_path)


def run(*args, key):
    return CliRunner().invoke(cli, [*map(str, args)], env={"PATHFIT_AUDIT_KEY_FILE": str(key)})


def test_report_draws_no_record_after_a_seal_verify_refuses(forged, tmp_path):
    log, key = forged
    assert f"{log}:1:1: PF630" in run("audit", "verify", log, key=key).output
    out = tmp_path / "page.html"
    result = run("report", log, "--id", LATER_ID[:8], "--out", out, key=key)
    assert result.exit_code == 1, result.output
    assert f"warning: the log does not verify: {log}:1:1: PF630" in result.output
    assert not out.exists()


def test_report_of_the_forged_record_names_its_own_seal_once(forged, tmp_path):
    log, key = forged
    out = tmp_path / "page.html"
    result = run("report", log, "--id", FORGED_ID[:8], "--out", out, key=key)
    assert result.exit_code == 2, result.output
    assert result.output.count(f"{log}:1:1: PF630") == 1, result.output
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_audit_show_of_a_record_after_a_seal_verify_refuses_warns(forged, fmt):
    log, key = forged
    result = run("audit", "show", log, "--id", LATER_ID[:8], "--format", fmt, key=key)
    assert result.exit_code == 0, result.output
    assert f"warning: the log does not verify: {log}:1:1: PF630" in result.output


def test_serve_report_of_a_record_after_a_seal_verify_refuses_is_404_pf630(forged, monkeypatch):
    log, key = forged
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load() as engine:
        app = create_app(Service(engine, str(log)))
        try:
            reply = asyncio.run(asgi_call(app, "GET", f"/report/{LATER_ID}"))
        finally:
            shut_down(app)
    assert reply.status == 404, reply.body[:300]
    assert [e["code"] for e in reply.json["errors"]] == ["PF630"], reply.json
    assert FORGED_ID in reply.json["errors"][0]["message"]  # the record whose seal fails
