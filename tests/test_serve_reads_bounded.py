"""Requests that record nothing (the schema, a report) are bounded as evaluations are: at most
`--queue` wait or run at once on their two threads, and one more is refused at once, 503 PF911
with Retry-After, never queued. Regression: their queue had no bound, so a flood of report
requests on a large log piled up there, each holding its place until its caller's time ran out.
A place is given back when its job ends, and when a job cut off by the time limit is dropped."""
from __future__ import annotations

import asyncio
import threading
import time

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import QueueFull, Service
from pathfit.engine.service.reads import Reads

from .serve_support import asgi_call, shut_down


def _codes(reply) -> list[str]:
    return [e["code"] for e in reply.json["errors"]]


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load() as loaded:
        yield loaded


def _held_schema(service: Service) -> tuple[threading.Event, list]:
    """(release, calls): every call of `service.schema` waits until released."""
    release, calls = threading.Event(), []
    original = service.schema

    def held():
        calls.append(1)
        release.wait(60)
        return original()

    service.schema = held
    return release, calls


async def _until(predicate, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


def test_one_read_beyond_the_queue_is_refused_at_once(engine):
    service = Service(engine, queue=3)
    release, calls = _held_schema(service)
    app = create_app(service, timeout=60)

    async def scenario():
        sent = [asyncio.create_task(asgi_call(app, "GET", "/v1/schema")) for _ in range(3)]
        await _until(lambda: len(calls) == 2)  # two running on the two threads, one waiting behind them
        await asyncio.sleep(0.05)
        try:
            refused = await asyncio.wait_for(asgi_call(app, "GET", "/v1/schema"), 5)
            decided = await asyncio.wait_for(asgi_call(app, "POST", "/v1/decisions", {"facts": {}}), 30)
        finally:
            release.set()
        accepted = await asyncio.gather(*sent)
        again = await asgi_call(app, "GET", "/v1/schema")
        return refused, decided, accepted, again

    refused, decided, accepted, again = asyncio.run(scenario())
    shut_down(app)
    assert refused.status == 503 and _codes(refused) == ["PF911"], refused.body
    assert refused.headers["retry-after"] == "1"
    assert decided.status == 200  # evaluations have a bound of their own
    assert [r.status for r in accepted] == [200, 200, 200] and again.status == 200
    assert len(calls) == 4  # the refused one never ran


def test_a_read_cut_off_before_it_ran_gives_its_place_back_at_once(engine):
    """Three sent with two held running and one waiting are all cut off (PF907); the waiting one
    is dropped unrun and its place given back, so one more sent while the two are still held is
    accepted (cut off in its turn, PF907), not refused as busy (PF911)."""
    service = Service(engine, queue=3)
    release, calls = _held_schema(service)
    app = create_app(service, timeout=0.3)

    async def scenario():
        cut = await asyncio.gather(*(asgi_call(app, "GET", "/v1/schema") for _ in range(3)))
        later = await asgi_call(app, "GET", "/v1/schema")
        return cut, later

    try:
        cut, later = asyncio.run(scenario())
        assert [(r.status, _codes(r)) for r in cut] == [(503, ["PF907"])] * 3
        assert (later.status, _codes(later)) == (503, ["PF907"]), later.body
        assert len(calls) == 2  # the ones dropped before they ran never ran
    finally:
        release.set()
    shut_down(app)


def test_at_most_the_limit_from_many_threads_and_every_ending_gives_its_place_back():
    reads = Reads(5)
    stay = threading.Event()
    outcomes: list = []
    start = threading.Barrier(16)

    def send() -> None:
        start.wait(10)
        try:
            outcomes.append(reads.submit(stay.wait, 30))
        except QueueFull:
            outcomes.append("refused")

    threads = [threading.Thread(target=send) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    accepted = [job for job in outcomes if job != "refused"]
    assert len(accepted) == 5 and outcomes.count("refused") == 11 and reads.held == 5
    stay.set()
    for job in accepted:
        job.result(30)
    failed = [reads.submit(_fails) for _ in range(5)]  # a read that fails gives its place back too
    for job in failed:
        assert isinstance(job.exception(30), ValueError)
    deadline = time.monotonic() + 30
    while reads.held and time.monotonic() < deadline:
        time.sleep(0.01)  # a done callback runs just after the job's result is set
    assert reads.held == 0
    reads.shutdown()


def _fails() -> None:
    raise ValueError("a read that fails")
