"""A printable report (`/report/ID`) whose caller gave up (cut off by --timeout, or its waiter
cancelled) stops reading the audit log at its next line: it records nothing and no one will read
it, and the two report threads are shared, so one left running on a large log would hold every
later report."""
from __future__ import annotations

import asyncio
import json
import threading
import time

from pathfit.engine import Engine
from pathfit.engine.audit import log as audit_log, stream as audit_stream
from pathfit.engine.audit.masking import load_key
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import build_log, make_key
from .serve_support import asgi_call, shut_down

LINES = 200
PER_LINE = 0.1  # seconds: a report held up this long on every line reads the log in LINES * PER_LINE
TIMEOUT = 4.0  # seconds: long enough for the third report on a busy machine, a fifth of the slow ones' read


def test_a_third_report_is_answered_promptly_after_two_were_cut_off(tmp_path, monkeypatch):
    """Regression: two reports cut off by the time limit kept both report threads until they
    had read the whole log, so a third, sent at once, waited for them and was itself cut off
    (503 PF907). Here the first two reports read the log slowly (LINES * PER_LINE, 20 s) and
    are cut off at TIMEOUT; the third, read at full speed, is answered 200 within the same
    limit, where it had waited until the two had read the whole log, and the two cut off read
    only a few lines past their time limit."""
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    log = tmp_path / "audit.jsonl"
    slow, read_by_slow = threading.local(), []
    parse_line, checked = audit_log.parse_line, audit_stream.CheckedLog
    reports: list = []

    def slow_parse(*args, **kwargs):
        if getattr(slow, "on", False):
            read_by_slow.append(1)
            time.sleep(PER_LINE)
        return parse_line(*args, **kwargs)

    def first_two_slow(*args, **kwargs):
        reports.append(1)
        slow.on = len(reports) <= 2
        try:
            return checked(*args, **kwargs)
        finally:
            slow.on = False

    with Engine.load() as engine:
        build_log(engine, load_key(), log, LINES)
        record_id = json.loads(log.read_bytes().splitlines()[-1])["record"]["id"]
        service = Service(engine, str(log))
        app = create_app(service, timeout=TIMEOUT)
        monkeypatch.setattr(audit_log, "parse_line", slow_parse)
        monkeypatch.setattr(audit_stream, "CheckedLog", first_two_slow)

        async def scenario() -> tuple:
            cut_off = await asyncio.gather(*(asgi_call(app, "GET", f"/report/{record_id}") for _ in range(2)))
            started = time.monotonic()
            third = await asgi_call(app, "GET", f"/report/{record_id}")
            return cut_off, third, time.monotonic() - started

        cut_off, third, took = asyncio.run(scenario())
        shut_down(app)
    assert [(r.status, [e["code"] for e in r.json["errors"]]) for r in cut_off] == [(503, ["PF907"])] * 2
    assert third.status == 200 and third.headers["content-type"].startswith("text/html"), third.body[:300]
    assert took < TIMEOUT
    assert len(read_by_slow) < LINES  # both stopped early: together they read less than one whole log


def test_a_dropped_job_whose_waiter_is_cancelled_is_told_to_stop():
    """The other way a caller gives up: its request's task cancelled while the job runs. The
    job, dropped, is told to stop as one cut off by the time limit is; a job not dropped (an
    evaluation, which must run to its end) is never told."""
    from concurrent.futures import ThreadPoolExecutor

    from pathfit.engine.service.waiting import answer

    async def cancelled_while_running(drop: bool) -> bool:
        started, stop = threading.Event(), threading.Event()
        with ThreadPoolExecutor(1) as pool:
            job = pool.submit(lambda: (started.set(), stop.wait(2)))
            waiter = asyncio.create_task(answer(job, None, drop=drop, stop=stop))
            assert await asyncio.to_thread(started.wait, 10)
            waiter.cancel()
            try:
                await waiter
            except asyncio.CancelledError:
                pass
            told = stop.is_set()
            stop.set()
        return told

    assert asyncio.run(cancelled_while_running(drop=True)) is True
    assert asyncio.run(cancelled_while_running(drop=False)) is False
