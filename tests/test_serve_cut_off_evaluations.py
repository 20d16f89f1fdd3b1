"""A request answered 503 (PF907, the time limit) is still evaluated and, with an audit log,
recorded, as its message and docs/serve.md promise: every evaluation accepted is queued on
the service's own thread and runs to its end, however busy the server, whatever the caller
does, and a graceful shutdown waits for the queue before the engine is closed."""
from __future__ import annotations

import asyncio
import json
import signal
import threading

import anyio

from pathfit.engine import Engine
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import make_key
from .serve_support import Server, asgi_call, asgi_lifespan, call


def _operators(log) -> list[str]:
    lines = log.read_text().splitlines() if log.exists() else []
    return sorted(json.loads(line)["record"]["operator"] for line in lines)


def test_requests_cut_off_while_every_worker_thread_is_busy_are_still_evaluated_and_recorded(tmp_path, monkeypatch):
    """Regression: an evaluation waited for a thread of anyio's shared pool (40 threads); one
    cut off by the time limit before a thread picked it up was dropped, never run nor recorded,
    although its 503 said it would be (150 requests at --timeout 0.1: 146 answered 503, 103
    records). Here every thread of that pool is held by others, the first evaluation is held
    up, and each request is cut off: all three are recorded once the shutdown has waited."""
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    log = tmp_path / "audit.jsonl"
    release = threading.Event()
    with Engine.load() as engine:
        service = Service(engine, str(log))
        decide = service.decide
        service.decide = lambda body: (release.wait(30), decide(body))[1]
        app = create_app(service, timeout=0.2)

        async def scenario() -> list:
            limiter = anyio.to_thread.current_default_thread_limiter()
            others = [object() for _ in range(int(limiter.total_tokens))]  # the load the cut-off requests met
            for other in others:
                await limiter.acquire_on_behalf_of(other)
            try:
                replies = await asyncio.gather(*(asgi_call(app, "POST", "/v1/decisions",
                                                           {"facts": {}, "operator": f"op-{i}"}) for i in range(3)))
            finally:
                for other in others:
                    limiter.release_on_behalf_of(other)
            release.set()
            await asgi_lifespan(app)  # a graceful shutdown: returns once the queue is done
            return replies

        replies = asyncio.run(scenario())
        assert [(r.status, [e["code"] for e in r.json["errors"]]) for r in replies] == [(503, ["PF907"])] * 3
        assert _operators(log) == ["op-0", "op-1", "op-2"]


def test_sigterm_after_requests_cut_off_records_every_one_before_exiting(tmp_path):
    """`pathfit serve --timeout 0.1` flooded, then stopped with SIGTERM as soon as every
    caller has its answer: each request answered, 200 or 503, is in the log when it exits."""
    srv = Server("--timeout", "0.1", "--audit-log", str(tmp_path / "audit.jsonl"),
                 env={"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))})
    statuses: dict = {}

    def ask(i: int) -> None:
        statuses[i] = call(srv, "POST", "/v1/decisions", {"facts": {"hours_per_month": i}, "operator": f"op-{i}"}).status

    try:
        callers = [threading.Thread(target=ask, args=(i,)) for i in range(40)]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join()
        srv.proc.send_signal(signal.SIGTERM)
        _, err = srv.proc.communicate(timeout=120)
    finally:
        if srv.proc.poll() is None:
            srv.stop()
    assert srv.proc.returncode == 0 and "Traceback" not in err, err
    assert set(statuses.values()) <= {200, 503} and len(statuses) == 40
    assert _operators(tmp_path / "audit.jsonl") == sorted(f"op-{i}" for i in range(40))
