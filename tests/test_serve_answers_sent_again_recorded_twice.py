"""A decision sent again was decided and recorded again: the answer page reloaded (or the
button clicked twice) posted the same answers, and a program retrying after a lost answer
sent the same request, each appending a second record of one decision to the audit log.

Now the page's form carries a token drawn for each page served and a program names its
request with `Idempotency-Key`: the same request again is answered with the first answer and
nothing is recorded; anything else is a new request, decided and recorded as before. Checked
against a real server, counting the audit log's lines."""
from __future__ import annotations

import http.client
import json
import re
import threading

import pytest

from pathfit.engine.service.sent import Answer, Sent

from .helpers import ROOT
from .serve_support import call, example_facts, form_body, recording_server
from .serve_support import server  # the module-scoped service without an audit log

VP = example_facts(ROOT / "examples" / "new-vp-wants-structure.yaml")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TOKEN = re.compile(r'<input type="hidden" name=":sent" value="([^"]+)">')


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    srv = recording_server(tmp_path_factory.mktemp("sent-again"))
    yield srv
    srv.stop()


def lines(srv) -> int:
    return len(srv.log.read_bytes().splitlines()) if srv.log.exists() else 0


def page_token(srv) -> str:
    reply = call(srv, "GET", "/")
    assert reply.status == 200
    return TOKEN.search(reply.text).group(1)


def recorded_id(text: str) -> str:
    return re.search(r"Recorded in the audit log as decision <code>([^<]+)</code>", text).group(1)


def decision_json(text: str) -> str:
    return re.search(r'<pre id="decision-json">(.*?)</pre>', text, re.S).group(1)


def test_the_same_answers_posted_again_from_one_page_are_recorded_once(recorded):
    token = page_token(recorded)
    body = form_body(VP) + f"&%3Asent={token}".encode()
    before = lines(recorded)
    first = call(recorded, "POST", "/decide", raw=body, headers=FORM)
    assert first.status == 200, first.text[:400]
    after_first = lines(recorded)
    assert after_first > before
    assert 'id="sent-again"' not in first.text
    again = call(recorded, "POST", "/decide", raw=body, headers=FORM)  # the reload
    assert again.status == 200
    assert lines(recorded) == after_first, "the same answers from the same page were recorded again"
    assert 'id="sent-again"' in again.text
    assert recorded_id(again.text) == recorded_id(first.text)
    assert decision_json(again.text) == decision_json(first.text)
    # the answer page carries a token of its own: the same answers sent from it are asked again
    assert TOKEN.search(again.text).group(1) != token
    assert TOKEN.search(first.text).group(1) not in (token, TOKEN.search(again.text).group(1))


def test_changed_answers_or_another_page_are_a_new_decision(recorded):
    token = page_token(recorded)
    base = lines(recorded)
    call(recorded, "POST", "/decide", raw=form_body(VP) + f"&%3Asent={token}".encode(), headers=FORM)
    one = lines(recorded)
    assert one > base
    changed = {**VP, "hours_per_month": VP["hours_per_month"] + 1}
    reply = call(recorded, "POST", "/decide", raw=form_body(changed) + f"&%3Asent={token}".encode(), headers=FORM)
    assert reply.status == 200 and 'id="sent-again"' not in reply.text
    two = lines(recorded)
    assert two > one, "changed answers from the same page were not recorded"
    other = page_token(recorded)
    reply = call(recorded, "POST", "/decide", raw=form_body(VP) + f"&%3Asent={other}".encode(), headers=FORM)
    assert 'id="sent-again"' not in reply.text
    assert lines(recorded) > two, "the same answers from a page served afresh were not recorded"


def test_a_form_without_the_token_is_decided_each_time(recorded):
    body = form_body(VP)
    base = lines(recorded)
    call(recorded, "POST", "/decide", raw=body, headers=FORM)
    one = lines(recorded)
    call(recorded, "POST", "/decide", raw=body, headers=FORM)
    assert lines(recorded) > one > base


def test_without_an_audit_log_the_page_carries_no_token(server):
    assert TOKEN.search(call(server, "GET", "/").text) is None


def test_the_same_idempotency_key_and_body_are_answered_again_not_recorded(recorded):
    body = {"facts": VP}
    key = {"Idempotency-Key": "order-7f3a-0001"}
    base = lines(recorded)
    first = call(recorded, "POST", "/v1/decisions", body, headers=key)
    assert first.status == 200 and "idempotent-replayed" not in first.headers
    one = lines(recorded)
    assert one > base
    again = call(recorded, "POST", "/v1/decisions", body, headers=key)
    assert again.status == 200
    assert lines(recorded) == one
    assert again.body == first.body
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["x-pathfit-audit-seq"] == first.headers["x-pathfit-audit-seq"]
    assert again.headers["x-pathfit-audit-hash"] == first.headers["x-pathfit-audit-hash"]
    other = call(recorded, "POST", "/v1/decisions", body, headers={"Idempotency-Key": "order-7f3a-0002"})
    assert other.status == 200 and lines(recorded) > one
    assert other.headers["x-pathfit-audit-seq"] != first.headers["x-pathfit-audit-seq"]


def test_the_same_key_with_another_body_is_pf912_and_nothing_is_recorded(recorded):
    key = {"Idempotency-Key": "order-7f3a-0003"}
    assert call(recorded, "POST", "/v1/decisions", {"facts": VP}, headers=key).status == 200
    base = lines(recorded)
    reply = call(recorded, "POST", "/v1/decisions", {"facts": {**VP, "hours_per_month": 7}}, headers=key)
    assert reply.status == 422
    assert [e["code"] for e in reply.json["errors"]] == ["PF912"]
    assert lines(recorded) == base
    # the same facts written otherwise are another body, byte for byte
    raw = json.dumps({"facts": VP}, indent=1).encode()
    reply = call(recorded, "POST", "/v1/decisions", raw=raw, headers={**key, "Content-Type": "application/json"})
    assert reply.status == 422 and lines(recorded) == base


def test_a_refused_request_keeps_no_answer_for_its_key(recorded):
    key = {"Idempotency-Key": "order-7f3a-0004"}
    bad = call(recorded, "POST", "/v1/decisions", {"facts": {"no_such_fact": 1}}, headers=key)
    assert bad.status == 422 and "PF912" not in bad.text
    good = call(recorded, "POST", "/v1/decisions", {"facts": VP}, headers=key)
    assert good.status == 200, good.text


def test_two_copies_sent_at_once_are_one_decision(recorded):
    body = {"facts": VP}
    base = lines(recorded)
    assert call(recorded, "POST", "/v1/decisions", body).status == 200
    one_decision = lines(recorded) - base  # the lines one decision adds to the log
    key = {"Idempotency-Key": "order-7f3a-0005"}
    base = lines(recorded)
    replies: list = [None] * 6
    start = threading.Barrier(len(replies))

    def send(i: int) -> None:
        start.wait()
        replies[i] = call(recorded, "POST", "/v1/decisions", body, headers=key)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(replies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.status == 200 for r in replies)
    assert lines(recorded) - base == one_decision
    assert len({r.body for r in replies}) == 1
    assert len({r.headers["x-pathfit-audit-seq"] for r in replies}) == 1
    assert sorted(r.headers.get("idempotent-replayed") or "" for r in replies) == [""] + ["true"] * 5


@pytest.mark.parametrize("value", ["", " ", "x" * 256, "caf\u00e9", "tab\tinside"], ids=[
    "empty", "blank", "too-long", "not-ascii", "control"])
def test_a_key_that_cannot_be_one_is_pf905(recorded, value):
    conn = http.client.HTTPConnection("127.0.0.1", recorded.port, timeout=30)
    base = lines(recorded)
    try:
        data = json.dumps({"facts": VP}).encode()
        conn.putrequest("POST", "/v1/decisions")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(len(data)))
        conn.putheader("Idempotency-Key", value.encode("latin-1"))
        conn.endheaders(data)
        reply = conn.getresponse()
        said = json.loads(reply.read())
    finally:
        conn.close()
    assert reply.status == 400
    assert [e["code"] for e in said["errors"]] == ["PF905"]
    assert lines(recorded) == base


def test_a_key_sent_twice_is_pf905(recorded):
    conn = http.client.HTTPConnection("127.0.0.1", recorded.port, timeout=30)
    try:
        data = json.dumps({"facts": VP}).encode()
        conn.putrequest("POST", "/v1/decisions")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(len(data)))
        conn.putheader("Idempotency-Key", "a")
        conn.putheader("Idempotency-Key", "b")
        conn.endheaders(data)
        reply = conn.getresponse()
        said = json.loads(reply.read())
    finally:
        conn.close()
    assert reply.status == 400 and [e["code"] for e in said["errors"]] == ["PF905"]


def test_the_kept_answers_are_the_most_recent_within_both_bounds():
    """Sent's bounds against a plain model: a list of (key, size), the oldest dropped first
    while more than `kept` or more than `kept_bytes` are held; one larger than all is never kept."""
    import random

    rng = random.Random(5)
    for _ in range(200):
        kept, kept_bytes = rng.randint(1, 5), rng.randint(5, 40)
        sent, model = Sent(kept, kept_bytes), []
        for _ in range(30):
            key = ("key", str(rng.randint(0, 6)))
            size = rng.randint(0, 20)
            found = next((m for m in model if m[0] == key), None)
            if found is not None and rng.random() < 0.5:
                assert sent.find(key, found[2]).body == "x" * found[1]
                model.remove(found)
                model.append(found)
                continue
            sent.keep(key, Answer("x" * size, None, str(size)))
            if size <= kept_bytes:
                model = [m for m in model if m[0] != key] + [(key, size, str(size))]
                while len(model) > kept or sum(m[1] for m in model) > kept_bytes:
                    model.pop(0)
            for k in {("key", str(i)) for i in range(7)}:
                held = next((m for m in model if m[0] == k), None)
                if held is None:
                    assert sent._answers.get(k) is None
                else:
                    assert sent._answers[k].body == "x" * held[1]


def test_the_same_answers_sent_again_from_the_page_of_a_503_are_recorded_once(tmp_path, monkeypatch):
    """Regression: a page refusing the answers drew a token of its own, so the answers sent again
    from the page of a 503 (no answer within --timeout, the evaluation going on to be recorded)
    were decided and recorded a second time. A refused page carries the token the answers came
    with: sent again from it, they wait for the first evaluation and are answered with it."""
    import asyncio
    import time

    from pathfit.engine import Engine
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    from .audit_support import make_key
    from .serve_support import asgi_call, shut_down

    monkeypatch.setenv("PATHFIT_CACHE", "0")
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log = tmp_path / "audit.jsonl"
    with Engine.load() as engine:
        service = Service(engine, audit_log=str(log))
        decide_facts = service.decide_facts

        def held_up(*args):
            time.sleep(1.0)
            return decide_facts(*args)

        monkeypatch.setattr(service, "decide_facts", held_up)
        app = create_app(service, timeout=0.3)
        try:
            token = TOKEN.search(asyncio.run(asgi_call(app, "GET", "/")).text).group(1)
            cut_off = asyncio.run(asgi_call(app, "POST", "/decide", parts=[form_body(VP) + f"&%3Asent={token}".encode()],
                                            headers=FORM))
            assert cut_off.status == 503
            again = TOKEN.search(cut_off.text).group(1)
            assert again == token, "the page of a 503 carries a token of its own"
            reply = asyncio.run(asgi_call(app, "POST", "/decide", parts=[form_body(VP) + f"&%3Asent={again}".encode()],
                                          headers=FORM))
            assert reply.status in (200, 503), reply.text[:400]
        finally:
            shut_down(app)  # every evaluation accepted has run and been recorded
    lines = log.read_bytes().splitlines()
    assert sum(b'"record"' in line for line in lines) == 1, "the answers sent again from the 503's page were recorded again"


def test_a_token_sent_back_on_a_refused_page_is_escaped(recorded):
    reply = call(recorded, "POST", "/decide", raw=b"no_such_question=1&%3Asent=%22%3E%3Cb%3Ex", headers=FORM)
    assert reply.status == 422
    assert '"><b>x' not in reply.text


def test_the_bytes_kept_are_the_bytes_the_answers_hold():
    """Regression: a page's answer (text) was counted a byte a character, where text with one
    character past Latin-1 in it (the page's box-drawing tree, U+251C) holds two bytes each, so
    the answers kept held up to twice (four times, past U+FFFF) the bytes they were bounded to."""
    import sys

    sent = Sent(kept=10, kept_bytes=100)
    sent.keep(("form", "a"), Answer("\u251c" * 60, (), "a"))  # 60 characters, over 120 bytes
    assert sent._answers.get(("form", "a")) is None
    sent.keep(("form", "b"), Answer("x" * 30 + "\u251c" * 30, (), "b"))
    sent.keep(("key", "c"), Answer(b"y" * 40, {}, "c"))
    held = sum(sys.getsizeof(a.body) - sys.getsizeof(a.body[:0]) for a in sent._answers.values())
    assert held <= 100, f"{held} bytes held against a bound of 100"
