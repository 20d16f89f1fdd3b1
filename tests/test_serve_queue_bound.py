"""`pathfit serve --queue N`: at most N evaluations wait or run at once. One more is refused at
once, 503 PF911 with Retry-After, before it is accepted: nothing is run, nothing recorded; every
one accepted still runs to its end and is recorded. A slot is taken when a job is queued and
given back when it has finished, its record included, so the count is exact under any load."""
from __future__ import annotations

import asyncio
import json
import re
import threading
import time

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import DEFAULT_QUEUE, QueueFull, Service

from .audit_support import make_key
from .serve_support import asgi_call, form_body, shut_down

FORM = {"content-type": "application/x-www-form-urlencoded"}


def _operators(log) -> list[str]:
    lines = log.read_text().splitlines() if log.exists() else []
    return [json.loads(line)["record"]["operator"] for line in lines]


def _codes(reply) -> list[str]:
    return [e["code"] for e in reply.json["errors"]]


def _held(service: Service, method: str) -> tuple[threading.Event, threading.Event]:
    """(entered, release): `service.method`'s first call waits, once entered, until released."""
    entered, release = threading.Event(), threading.Event()
    original = getattr(service, method)

    def held(*args):
        if not entered.is_set():
            entered.set()
            release.wait(60)
        return original(*args)

    setattr(service, method, held)
    return entered, release


def _counting_submits(service: Service) -> list:
    """Every call of `service.submit`, once it has returned or raised: "accepted" or "refused"."""
    seen: list = []
    submit = service.submit

    def counted(fn, *args):
        try:
            job = submit(fn, *args)
        except QueueFull:
            seen.append("refused")
            raise
        seen.append("accepted")
        return job

    service.submit = counted
    return seen


async def _until(predicate, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


@pytest.fixture
def audited_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load() as engine:
        yield engine


def test_a_request_beyond_the_queue_is_refused_at_once_with_pf911_and_records_nothing(tmp_path, audited_engine):
    """Regression: the evaluation queue had no bound; every request was accepted and queued,
    however many were waiting. With --queue 2, one evaluation held while it records and one
    waiting behind it, a third request is refused at once (503 PF911, Retry-After, the JSON
    every refusal has) and is never recorded; the two accepted are; once they have finished a
    request is accepted again."""
    log = tmp_path / "audit.jsonl"
    service = Service(audited_engine, str(log), queue=2)
    entered, release = _held(service, "record")  # the running evaluation holds its slot until recorded
    seen = _counting_submits(service)
    app = create_app(service, timeout=60)

    async def scenario() -> tuple:
        running = asyncio.create_task(asgi_call(app, "POST", "/v1/decisions", {"facts": {}, "operator": "op-a"}))
        assert await asyncio.to_thread(entered.wait, 30)
        waiting = asyncio.create_task(asgi_call(app, "POST", "/v1/decisions", {"facts": {}, "operator": "op-b"}))
        await _until(lambda: seen == ["accepted", "accepted"])
        try:
            refused = await asyncio.wait_for(
                asgi_call(app, "POST", "/v1/decisions", {"facts": {}, "operator": "op-c"}), 5)
        finally:
            release.set()
        accepted = await asyncio.gather(running, waiting)
        again = await asgi_call(app, "POST", "/v1/decisions", {"facts": {}, "operator": "op-d"})
        return refused, accepted, again

    refused, accepted, again = asyncio.run(scenario())
    shut_down(app)
    assert refused.status == 503 and _codes(refused) == ["PF911"], refused.body
    assert refused.headers["retry-after"] == "1"  # as docs/serve.md says
    assert refused.headers["content-type"] == "application/json" and refused.json["errors"][0]["fact"] is None
    assert refused.body == json.dumps(refused.json, separators=(",", ":")).encode()  # every refusal's compact JSON
    assert "x-pathfit-audit-seq" not in refused.headers
    assert [r.status for r in accepted] == [200, 200] and again.status == 200
    assert _operators(log) == ["op-a", "op-b", "op-d"]


def test_the_default_queue_takes_that_many_and_refuses_one_more(monkeypatch):
    """Regression: with no --queue, 65 requests sent while the evaluation thread was held were
    all accepted. The default bound (DEFAULT_QUEUE, 64, as --help shows) takes exactly 64 of
    them, running or waiting, and refuses the one more at once; the 64 all run."""
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load() as engine:
        service = Service(engine)
        entered, release = _held(service, "decide")
        seen = _counting_submits(service)
        app = create_app(service, timeout=120)

        async def scenario() -> list:
            sent = [asyncio.create_task(asgi_call(app, "POST", "/v1/decisions", {"facts": {}})) for _ in range(65)]
            await _until(lambda: len(seen) == 65)
            release.set()
            return await asyncio.gather(*sent)

        try:
            replies = asyncio.run(scenario())
        finally:
            release.set()
            shut_down(app)
    assert DEFAULT_QUEUE == 64
    assert sorted(r.status for r in replies) == [200] * 64 + [503]
    assert [_codes(r) for r in replies if r.status == 503] == [["PF911"]]


def test_the_count_is_exact_when_many_threads_submit_at_once(monkeypatch):
    """Never more than N in, never fewer refused than the count allows: N - 1 jobs sent from 24
    threads at once while one job holds the thread are each accepted or refused so that exactly
    N are in; a job that fails gives its slot back as one that succeeds does; once all have
    finished, N are taken again."""
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load() as engine:
        service = Service(engine, queue=8)
        release = threading.Event()
        service.submit(release.wait, 30)
        outcomes: list = []
        start = threading.Barrier(24)

        def send(i: int) -> None:
            start.wait(10)
            try:
                job = service.submit(_fails if i % 2 else _works)
            except QueueFull:
                outcomes.append("refused")
                return
            outcomes.append(job)

        threads = [threading.Thread(target=send, args=(i,)) for i in range(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        with pytest.raises(QueueFull):
            service.submit(_works)
        release.set()
        accepted = [job for job in outcomes if job != "refused"]
        for job in accepted:
            job.exception(30)
        refilled = threading.Event()
        again = [service.submit(refilled.wait, 30) for _ in range(8)]
        with pytest.raises(QueueFull):
            service.submit(_works)
        refilled.set()
        for job in again:
            job.result(30)
        service.finish()
    assert len(accepted) == 7 and outcomes.count("refused") == 17


def _works() -> str:
    return "done"


def _fails() -> None:
    raise ValueError("an evaluation that fails")


def test_the_form_beyond_the_queue_is_told_the_service_is_busy_not_that_its_answers_are_wrong(
        tmp_path, audited_engine):
    """The page's form as the API: refused at once (503, PF911, Retry-After), under a heading
    of its own, never under "Please check these answers", its answers left filled in to send
    again, and nothing recorded."""
    log = tmp_path / "audit.jsonl"
    service = Service(audited_engine, str(log), queue=1)
    entered, release = _held(service, "decide")
    app = create_app(service, timeout=60)

    async def scenario() -> tuple:
        running = asyncio.create_task(asgi_call(app, "POST", "/v1/decisions", {"facts": {}, "operator": "op-a"}))
        assert await asyncio.to_thread(entered.wait, 30)
        try:
            refused = await asyncio.wait_for(asgi_call(app, "POST", "/decide", parts=[
                form_body({"goal_clarity": "specific"}) + b"&%3Aoperator=op-form"], headers=FORM), 5)
        finally:
            release.set()
        return refused, await running

    refused, running = asyncio.run(scenario())
    shut_down(app)
    assert refused.status == 503 and refused.headers["retry-after"] == "1"
    assert refused.headers["content-type"].startswith("text/html")
    assert 'id="errors"' not in refused.text and 'id="failure-busy"' in refused.text
    busy = re.search(r'<section class="errors" id="failure-busy">(.*?)</section>', refused.text, re.S).group(1)
    assert "<code>PF911: " in busy
    assert '<option value="specific" selected>' in refused.text and 'value="op-form"' in refused.text
    assert running.status == 200 and _operators(log) == ["op-a"]


def test_serve_queue_is_passed_to_the_service_and_refused_below_one(monkeypatch):
    """`--queue N` bounds the service it serves (64 when not given, as --help shows it); 0 and
    below are refused before anything is served (exit 2)."""
    import uvicorn

    from pathfit.engine.service import core

    made: list = []
    init = core.Service.__init__

    def recording(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(self.queue)

    monkeypatch.setattr(core.Service, "__init__", recording)
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)  # started, then stopped at once
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    for args, queue in ((["--queue", "1"], 1), (["--queue", "500"], 500), ([], DEFAULT_QUEUE)):
        result = CliRunner().invoke(cli, ["serve", "--port", "0", *args])
        assert result.exit_code == 0 and made[-1] == queue, result.output
    assert len(made) == 3
    for bad in ("0", "-1"):
        result = CliRunner().invoke(cli, ["serve", "--port", "0", "--queue", bad])
        assert result.exit_code == 2 and "--queue" in result.stderr and "serving" not in result.output
    assert len(made) == 3
    helped = CliRunner().invoke(cli, ["serve", "--help"])
    assert re.search(r"--queue INTEGER RANGE.*?\[default: 64; x>=1\]", helped.output, re.S), helped.output


def test_the_api_description_names_the_full_queues_503_where_it_can_be_given(monkeypatch):
    """/openapi.json: the 503 of /v1/decisions and /v1/explain names PF911 and its Retry-After
    header, and the description states this service's bound; /v1/schema's 503, refused when as many
    reports and schema requests wait or run (counted apart from the evaluations), names both too,
    as a read's: nothing recorded."""
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load() as engine:
        app = create_app(Service(engine, queue=3))
        doc = asyncio.run(asgi_call(app, "GET", "/openapi.json")).json
        shut_down(app)
    for path in ("/v1/decisions", "/v1/explain"):
        busy = doc["paths"][path]["post"]["responses"]["503"]
        assert "PF911" in busy["description"] and "PF907" in busy["description"], busy
        assert set(busy["headers"]) == {"Retry-After"}, busy
    schema = doc["paths"]["/v1/schema"]["get"]["responses"]["503"]
    assert "PF911" in schema["description"] and "reports and schema requests" in schema["description"], schema
    assert set(schema["headers"]) == {"Retry-After"} and "recorded if" not in schema["description"], schema
    assert re.findall(r"At most (\d+) evaluations wait or run at once", doc["info"]["description"]) == ["3"]
