"""Regression: `/report/ID` took a prefix of a record's id, as `pathfit report --id` does at a
terminal, so `/report/3` answered 200 with the one record whose id starts with "3", and any
caller could walk the whole log a character at a time without knowing an id the page had
given out; a prefix shared by several records said how many there were. docs/serve.md says
an id no record has is 404 PF616: the service now takes a record's whole id only, and a part
of one is answered as any id no record has."""
from __future__ import annotations

import asyncio
import json

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.masking import load_key
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import build_log, make_key
from .serve_support import asgi_call, shut_down


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    """An app serving the bundled rules with an audit log of 17 records, so that two of their
    ids share a first character; -> (app, their ids)."""
    tmp = tmp_path_factory.mktemp("report-prefix")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp)))
        mp.setenv("PATHFIT_CACHE", "0")
        log = tmp / "audit.jsonl"
        with Engine.load() as engine:
            build_log(engine, load_key(), log, 17)
            ids = [json.loads(line)["record"]["id"] for line in log.read_bytes().splitlines()]
            app = create_app(Service(engine, str(log)))
            yield app, ids
            shut_down(app)


def _get(app, path: str):
    return asyncio.run(asgi_call(app, "GET", path))


def test_a_whole_id_is_answered_with_its_report(logged):
    app, ids = logged
    reply = _get(app, f"/report/{ids[0]}")
    assert reply.status == 200 and ids[0] in reply.body.decode()


def _shortest_unique(ids: list[str]) -> int:
    """The length of the shortest prefix of ids[0] that no other id starts with."""
    return next(n for n in range(1, len(ids[0])) if not any(i.startswith(ids[0][:n]) for i in ids[1:]))


@pytest.mark.parametrize("cut", ["shortest", 8, -1])
def test_a_part_of_an_id_is_no_record(logged, cut):
    """Each prefix names one record only, which the old lookup answered with."""
    app, ids = logged
    prefix = ids[0][:_shortest_unique(ids) if cut == "shortest" else cut]
    reply = _get(app, f"/report/{prefix}")
    assert reply.status == 404, reply.body[:200]
    assert [e["code"] for e in reply.json["errors"]] == ["PF616"]
    assert ids[0] not in reply.body.decode()


def test_a_prefix_of_several_records_says_nothing_of_how_many(logged):
    app, ids = logged
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) >= 2)
    reply = _get(app, f"/report/{shared}")
    assert reply.status == 404 and [e["code"] for e in reply.json["errors"]] == ["PF616"]
    assert reply.json["errors"][0]["message"] == f"no records with id '{shared}'"
