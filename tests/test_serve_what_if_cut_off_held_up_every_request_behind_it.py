"""A what-if (`POST /v1/explain` with `"what_if": true`) cut off by `--timeout` stops at its next
re-run and frees the engine: the request queued behind it is decided at once, as if the what-if
had never been asked, and the what-if's caller is answered 503 PF907 and nothing else."""
from __future__ import annotations

import asyncio
import threading

from pathfit.engine import Engine
from pathfit.engine.explain import what_if as what_if_module
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .serve_support import asgi_call, shut_down


def test_a_what_if_cut_off_stops_between_re_runs_and_the_next_request_is_decided(monkeypatch):
    """Regression: a what-if cut off at --timeout ran every one of its re-runs to the end (10 to
    20 s at 300 rules), so a decision sent just after it waited for them all and was answered 503
    too. Here each re-run of the search waits until the test lets it through: the one under way
    when its caller is answered is let through, and no other is begun; the decision queued
    behind it gets the answer the same facts got before. An explanation queued behind the
    what-if and cut off with it records nothing, so it is never begun."""
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    searching, re_running, finished = threading.Event(), threading.Event(), threading.Event()
    passes = threading.Semaphore(0)
    re_runs: list[int] = []
    search = what_if_module.what_if

    def watched_search(*args, **kwargs):
        searching.set()
        try:
            return search(*args, **kwargs)
        finally:
            searching.clear()

    monkeypatch.setattr(what_if_module, "what_if", watched_search)
    with Engine.load() as engine:
        evaluate = engine.evaluate

        def held(*args, **kwargs):
            if searching.is_set() and not finished.is_set():  # a re-run of the search
                re_runs.append(1)
                re_running.set()
                passes.acquire(timeout=30)
            return evaluate(*args, **kwargs)

        engine.evaluate = held
        service = Service(engine)
        jobs, submit = [], service.submit
        service.submit = lambda *args: jobs.append(submit(*args)) or jobs[-1]
        app = create_app(service, timeout=0.5)

        async def scenario() -> tuple:
            before = await asgi_call(app, "POST", "/v1/decisions", {"facts": {}})
            cut = asyncio.create_task(asgi_call(app, "POST", "/v1/explain", {"facts": {}, "what_if": True}))
            assert await asyncio.to_thread(re_running.wait, 30)
            queued = await asgi_call(app, "POST", "/v1/explain", {"facts": {}})
            after = asyncio.create_task(asgi_call(app, "POST", "/v1/decisions", {"facts": {}}))
            passes.release()  # the re-run under way when the what-if's caller was answered ends
            return before, await cut, queued, await after

        try:
            before, cut, queued, after = asyncio.run(scenario())
        finally:
            finished.set()
            passes.release(100)
            shut_down(app)
    for reply in (cut, queued):
        assert reply.status == 503 and [e["code"] for e in reply.json["errors"]] == ["PF907"], reply.body
    assert after.status == 200 and after.body == before.body, after.body
    assert len(re_runs) == 1 and jobs[2].cancelled()
    assert isinstance(jobs[1].exception(), what_if_module.Abandoned)  # given up: no answer, no traceback
