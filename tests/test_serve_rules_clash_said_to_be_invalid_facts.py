"""Regression: a request whose facts are all valid, and which /openapi.json's request schema
takes, is refused 422 PF231 where two rules give a derived fact values that exclude each other
for that person. /openapi.json's 422 said only "the facts or options are not valid", and
docs/serve.md said the schemas take exactly the requests the service takes save two refusals
(neither this one), and listed PF231 under no status. Both now name it."""
from __future__ import annotations

import asyncio
import re

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .helpers import HERE, ROOT
from .serve_support import asgi_call, shut_down

VALUED_CONE = HERE / "fixtures" / "claims" / "valued_cone"
CLASH = {"facts": {"has_deadline": False, "ready_for_change": True}}


@pytest.fixture(scope="module")
def answers():
    """(the decision's reply, the explanation's, the OpenAPI document) of the clashing rules."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        with Engine.load(VALUED_CONE) as engine:
            app = create_app(Service(engine))
            try:
                decided = asyncio.run(asgi_call(app, "POST", "/v1/decisions", CLASH))
                explained = asyncio.run(asgi_call(app, "POST", "/v1/explain", CLASH))
                doc = asyncio.run(asgi_call(app, "GET", "/openapi.json")).json
            finally:
                shut_down(app)
    return decided, explained, doc


@pytest.mark.parametrize(("index", "path"), [(0, "/v1/decisions"), (1, "/v1/explain")])
def test_the_openapi_422_names_the_clash(answers, index, path):
    reply, doc = answers[index], answers[2]
    assert reply.status == 422 and [e["code"] for e in reply.json["errors"]] == ["PF231"]
    assert "PF231" in doc["paths"][path]["post"]["responses"]["422"]["description"]
    from jsonschema import Draft202012Validator

    request = "DecisionRequest" if path == "/v1/decisions" else "ExplainRequest"
    assert Draft202012Validator({**doc, "$ref": f"#/components/schemas/{request}"}).is_valid(CLASH)


def test_docs_serve_names_the_clash_under_422():
    text = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    row = re.search(r"^\| 422 \|.*$", text, re.M).group(0)
    assert "PF231" in row, row
    schemas = re.search(r"Its request\s+schemas take exactly the requests the service takes.*?Request bodies", text, re.S).group(0)
    assert "PF231" in schemas, schemas
