"""What `/openapi.json` says of the service is true of the rule set it serves: its description
names that rule set's outcomes in their own labels, as the page's heading does, and its request
schemas take exactly the requests the service takes, save the two docs/serve.md names."""
from __future__ import annotations

import asyncio
import json

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import make_key
from .helpers import HERE
from .serve_support import asgi_call, asgi_lifespan, bundled_app, shut_down  # bundled_app: the shared fixture

ANIMALS = HERE / "fixtures" / "animals"


def _openapi(rules=None) -> dict:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        with Engine.load(rules) as engine:
            app = create_app(Service(engine))
            reply = asyncio.run(asgi_call(app, "GET", "/openapi.json"))
            shut_down(app)
    assert reply.status == 200
    return reply.json


@pytest.mark.parametrize("rules, outcomes", [
    (ANIMALS, "Cheetah, Tiger, Zebra, Giraffe, or something else"),
    (None, "Executive coaching, Mentoring, A sponsor, or something else"),
], ids=["animals", "bundled"])
def test_the_api_description_names_the_served_rule_sets_outcomes_in_their_labels(rules, outcomes):
    """Regression: info.description was "Advice on executive coaching, mentoring, a blend or
    something else" whatever the rule set (one of animals among them)."""
    description = _openapi(rules)["info"]["description"]
    assert description.startswith(f"Advises on {outcomes}, with reasons. "), description
    if rules is ANIMALS:
        assert "coaching" not in description.lower() and "mentoring" not in description.lower()


# (endpoint, request body): each sent to the service and validated against /openapi.json
REQUESTS = {
    "decisions": [
        {"facts": {}}, {}, [], {"facts": None}, {"facts": []}, {"fact": {}},
        {"facts": {"subject": None}}, {"facts": {"subject": "Ann Lee"}}, {"facts": {"subject": ""}},
        {"facts": {"subject": 5}}, {"facts": {"subject": "a\u0007b"}}, {"facts": {"subject": "x" * 257}},
        {"subject": None, "operator": None}, {"subject": "Zoë", "operator": "hr-7"}, {"subject": "x" * 256},
        {"subject": "x" * 257}, {"subject": "a\u202eb"}, {"subject": "a\u2028b"}, {"subject": "a\x85b"},
        {"subject": "\u200b\u2060"}, {"subject": " \u3164 "}, {"subject": "\U000e0001"}, {"subject": "\u200bA"},
        {"operator": "   "}, {"operator": ""}, {"operator": 12}, {"operator": ["a"]}, {"subject": "line\n"},
        {"facts": {"goal_clarity": "specific"}}, {"facts": {"goal_clarity": "specfic"}},
        {"facts": {"goal_clarity": None}}, {"facts": {"measurable_soon": True}}, {"facts": {"measurable_soon": "yes"}},
        {"facts": {"hours_per_month": 10}}, {"facts": {"hours_per_month": 10.5}}, {"facts": {"hours_per_month": -1}},
        {"facts": {"hours_per_month": 161}}, {"facts": {"needs": []}}, {"facts": {"needs": ["network", "advocacy"]}},
        {"facts": {"needs": ["networking"]}}, {"facts": {"needs": "network"}}, {"facts": {"nope": 1}},
    ],
    "explain": [
        {"facts": {}}, {"facts": {}, "why_not": None}, {"why_not": "mentoring"}, {"why_not": "blended"},
        {"why_not": "blend"}, {"why_not": ""}, {"why_not": 5}, {"what_if": True}, {"what_if": False},
        {"what_if": None}, {"what_if": "yes"}, {"why_not": "mentoring", "what_if": True},
        {"why_not": None, "what_if": True}, {"why_not": "coaching", "what_if": False},
        {"facts": {"subject": None}, "why_not": None, "subject": None}, {"subject": "a\tb", "why_not": "refer"},
    ],
}


@pytest.fixture(scope="module")
def served(bundled_app):
    """(the bundled rules' app, its OpenAPI document), in this process."""
    return bundled_app, asyncio.run(asgi_call(bundled_app, "GET", "/openapi.json")).json


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """(the bundled rules' app keeping an audit log, its OpenAPI document): where a decision takes
    a subject and an operator, which a service keeping no record refuses (PF613)."""
    tmp = tmp_path_factory.mktemp("recorded")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        mp.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp)))
        with Engine.load() as engine:
            app = create_app(Service(engine, str(tmp / "audit.jsonl")))
            yield app, asyncio.run(asgi_call(app, "GET", "/openapi.json")).json
            # its lifespan ended, its read threads stop; shut_down, which waits for every app's, is
            # left to the shared app's fixture, still serving here
            asyncio.run(asgi_lifespan(app))


@pytest.mark.parametrize("kept", [False, True], ids=["no-audit-log", "audit-log"])
@pytest.mark.parametrize("endpoint, body", [(e, b) for e, bodies in REQUESTS.items() for b in bodies],
                         ids=[f"{e}-{i}" for e, bodies in REQUESTS.items() for i in range(len(bodies))])
def test_the_openapi_request_schemas_accept_exactly_what_the_service_accepts(request, kept, endpoint, body):
    """Regression: `{"facts": {"subject": null}}` and `{"why_not": null}` were answered 200 and
    refused by the schemas (a string); `"why_not": "blend"` passed them and was refused (PF613),
    and so were a subject of invisible characters and `why_not` with `what_if: true`."""
    from jsonschema import Draft202012Validator

    app, doc = request.getfixturevalue("recorded" if kept else "served")
    name = {"decisions": "DecisionRequest", "explain": "ExplainRequest"}[endpoint]
    schema_says = Draft202012Validator({**doc, "$ref": f"#/components/schemas/{name}"}).is_valid(body)
    reply = asyncio.run(asgi_call(app, "POST", f"/v1/{endpoint}", body))
    assert reply.status in (200, 400, 422), reply.body
    assert schema_says == (reply.status == 200), (reply.status, reply.body)


@pytest.mark.parametrize("raw, code", [
    (b'{"subject": "Ann", "facts": {"subject": "Bo"}}', "PF628"),
    (b'{"facts": {"hours_per_month": 10.0000000000000000000001}}', "PF402"),
], ids=["subject-given-twice-differently", "number-a-float-cannot-hold"])
def test_what_the_request_schema_cannot_see_is_what_docs_serve_md_names(recorded, raw, code):
    """Two of the refusals docs/serve.md names as no JSON Schema can say pass the schema (the third,
    PF231, needs rules that clash: tests/test_serve_rules_clash_said_to_be_invalid_facts.py); a
    subject is taken only where a record keeps it."""
    from jsonschema import Draft202012Validator

    app, doc = recorded
    assert Draft202012Validator({**doc, "$ref": "#/components/schemas/DecisionRequest"}).is_valid(json.loads(raw))
    reply = asyncio.run(asgi_call(app, "POST", "/v1/decisions", parts=[raw],
                                  headers={"content-type": "application/json"}))
    assert reply.status == 422 and [e["code"] for e in reply.json["errors"]] == [code]
