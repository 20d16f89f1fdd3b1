"""What `/openapi.json` says of the service is true of the rule set it serves: its description
names that rule set's outcomes in their own labels, as the page's heading does."""
from __future__ import annotations

import asyncio

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .helpers import HERE
from .serve_support import asgi_call

ANIMALS = HERE / "fixtures" / "animals"


def _openapi(rules=None) -> dict:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        with Engine.load(rules) as engine:
            service = Service(engine)
            reply = asyncio.run(asgi_call(create_app(service), "GET", "/openapi.json"))
            service.finish()
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
