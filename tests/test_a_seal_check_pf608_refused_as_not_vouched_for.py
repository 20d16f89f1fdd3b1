"""A record whose sealed part opens with the audit key but is not the decision sealed with it (its
sealed facts and its sealed decision's facts differ, resealed by a holder of the key) is refused by
the seal check as `audit verify` with the key refuses it: PF608 at its line, the log's first
problem. Readers took only a PF630 for a record's own seal: `report --id` of that very record
said it was not among the entries the log vouches for (exit 1) where a PF630 there names the
record's own problem (exit 2), and `/report/ID` said so too (404 PF608, the log not vouching for
it); `replay --id` said the problem twice, as the log's warning and as the refusal. Now the log knows which problem is a record's own seals
(CheckedLog.seal, whatever its code): each reader names it once, as that record's own."""
from __future__ import annotations

import asyncio
import json

import pytest

from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.record import seal
from pathfit.engine.audit.record_bytes import canonical
from pathfit.engine.audit.sealing import open_parts, seal_canonical
from pathfit.engine.errors import Pos

from .audit_support import engine, keyed_stream_log, run  # engine: the module-scoped fixture the audit tests share
from .hmac_records import rechained
from .serve_support import asgi_call, shut_down

FORGED = "c7a3c4ed"  # line 1


def resealed(record: dict, key) -> dict:
    """`record` with a sealed part that opens, whose sealed facts are not its decision's."""
    parts = open_parts(key, record, Pos("x"), "forging it")
    parts["decision"]["facts"] = {**parts["decision"]["facts"], "forged": True}
    record["masking"].update(seal_canonical(key, record["id"], record["ruleset"]["digest"], canonical(parts)))
    return seal(record)


@pytest.fixture
def log(tmp_path, monkeypatch):
    path = keyed_stream_log(tmp_path, monkeypatch)
    key = load_key(str(tmp_path / "audit.key"))
    return rechained(tmp_path, lambda record: resealed(record, key), 1, path)


def test_verify_refuses_it_pf608_at_its_line(log):
    result = run("audit", "verify", log)
    assert result.exit_code == 1 and f"{log}:1:1: PF608: record {FORGED}" in result.output, result.output


@pytest.mark.parametrize("command", ["report", "replay"])
def test_its_reader_names_it_once_as_its_own(log, tmp_path, command):
    args = [command, log, "--id", FORGED] + (["--out", tmp_path / "page.html"] if command == "report" else [])
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.count(f"{log}:1:1: PF608") == 1 and "warning" not in result.stderr, result.stderr
    assert not (tmp_path / "page.html").exists()


def test_serve_report_names_it_once(log, engine):
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    rid = json.loads(log.read_text().splitlines()[0])["record"]["id"]
    app = create_app(Service(engine, str(log)))
    try:
        reply = asyncio.run(asgi_call(app, "GET", f"/report/{rid}"))
    finally:
        shut_down(app)
    assert reply.status == 404 and [e["code"] for e in reply.json["errors"]] == ["PF608"], reply.json
    assert reply.json["errors"][0]["message"].startswith(f"record {rid}: sealed part: "), reply.json  # its own
