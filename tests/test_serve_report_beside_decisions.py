"""A printable report (`/report/ID`) reads and verifies the whole audit log; decisions do not
wait for it: neither for the service's evaluation lock nor for the log's file lock while the
log's entries are parsed and checked."""
from __future__ import annotations

import asyncio
import threading

from pathfit.engine import Engine
from pathfit.engine.audit import log as audit_log
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import make_key
from .serve_support import asgi_call, shut_down


def test_a_decision_is_answered_while_a_report_is_still_reading_the_log(tmp_path, monkeypatch):
    """Regression: a report read and verified the log holding the evaluation lock and the
    log's shared lock, so every decision waited for it (a 94 MB log: the report took 4.3 s and
    a decision sent meanwhile 4.0 s; with a shorter --timeout both were answered 503). Here the
    report is held mid-way through parsing the log until the decision has its answer."""
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    reading, release = threading.Event(), threading.Event()
    parse_line = audit_log.parse_line

    def held_first_time(*args, **kwargs):
        if not reading.is_set():
            reading.set()
            release.wait(60)
        return parse_line(*args, **kwargs)

    with Engine.load() as engine:
        service = Service(engine, str(tmp_path / "audit.jsonl"))
        app = create_app(service, timeout=10)

        async def scenario() -> tuple:
            assert (await asgi_call(app, "POST", "/v1/decisions", {"facts": {}})).status == 200
            record_id = _last_id(tmp_path / "audit.jsonl")
            monkeypatch.setattr(audit_log, "parse_line", held_first_time)
            report = asyncio.create_task(asgi_call(app, "GET", f"/report/{record_id}"))
            assert await asyncio.to_thread(reading.wait, 30)
            try:
                decision = await asgi_call(app, "POST", "/v1/decisions", {"facts": {}, "operator": "meanwhile"})
            finally:
                release.set()
            return decision, await report

        decision, report = asyncio.run(scenario())
        shut_down(app)
    assert decision.status == 200, decision.body
    assert report.status == 200 and report.headers["content-type"].startswith("text/html")


def _last_id(log) -> str:
    import json

    return json.loads(log.read_text().splitlines()[-1])["record"]["id"]
