"""Regression: `GET /v1/rules` built its answer afresh for every request: every rule's id,
reason, citations and effects read out of the rule set into a new object, then encoded as
JSON, though the rule set served never changes while the service runs. On a rule set of 1,000
rules that was about 6 ms of the server's time a request where `/healthz` takes under one.
Now the answer is written once, when first asked for, and every request is sent those bytes:
the same bytes as before, counted here as how many times the listing is built."""
from __future__ import annotations

import asyncio
import json

from pathfit.engine.reports import rule_json
from pathfit.engine.service import core
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .serve_support import asgi_call, shut_down


def test_the_listing_is_built_once_and_sent_alike(engine, monkeypatch):
    built = []
    effects = rule_json.effects_json

    def counted(rule):
        built.append(rule.id)
        return effects(rule)

    monkeypatch.setattr(core, "effects_json", counted)
    service = Service(engine)
    app = create_app(service)
    try:
        replies = [asyncio.run(asgi_call(app, "GET", "/v1/rules")) for _ in range(3)]
    finally:
        shut_down(app)
    assert [r.status for r in replies] == [200, 200, 200]
    assert len(built) == len(engine.ruleset.rules)  # once for each rule, not once a request
    assert replies[1].body == replies[0].body == replies[2].body
    assert replies[0].headers["content-type"] == "application/json"
    # the bytes a fresh build gives, as Starlette's JSONResponse writes it
    expected = json.dumps(service.rules(), ensure_ascii=False, allow_nan=False, indent=None,
                          separators=(",", ":")).encode("utf-8")
    assert replies[0].body == expected
