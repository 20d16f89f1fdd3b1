"""A fact's value given as text is read one way, by `--fact NAME=TEXT` and by the web page's
form alike (engine.pipeline.value_text): every text of every kind of fact reads the same
through both, save where the form deliberately differs (an empty box is unknown)."""
from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import pytest

from pathfit.cli.profile_input import read_profile
from pathfit.engine.service import form
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .serve_support import asgi_call, shut_down

TEXTS = {
    "measurable_soon": ["yes", "Yes", "YES", " yes ", "no", "No", "NO", "true", "false", "True", "null", "unknown",
                        "maybe", "1", "0", '"yes"', "NaN", "[1]", "y", "oui"],
    "goal_clarity": ["specific", "specific ", " specific", "Specific", "specfic", "unknown", "null", '"specific"',
                     "1", "true", "emerging"],
    "needs": ["network", "network,advocacy", "network, advocacy", " network ,", "networking", "unknown", "null",
              "network,network", "Network", "network,,advocacy", '["network"]'],
    "horizon_months": ["12", "12.0", " 12 ", "1e1", "1.0e1", "024", "NaN", "Infinity", "-Infinity", "null",
                       "unknown", "12.0000000000000001", ".5", "+1", "0x10", "abc", "[1]", "1:30", "1_0", "true",
                       "1e400", "-0", "12."],
    "no_such_fact": ["1", "x", "null", "unknown", "true", "[1]"],
}




@pytest.mark.parametrize("name, text", [(n, t) for n, texts in TEXTS.items() for t in texts])
def test_every_value_text_reads_the_same_through_fact_and_the_form(engine, name, text):
    by_fact = read_profile(None, (f"{name}={text}",), engine)[0][name]
    by_form = form.read_form(engine.ruleset, urlencode({name: text}).encode())[0][name]
    assert (type(by_form), by_form) == (type(by_fact), by_fact)


@pytest.mark.parametrize("sent", ["measurable_soon=Yes", "measurable_soon=YES", "measurable_soon=true",
                                  "goal_clarity=specific%20", "horizon_months=%2012%20"])
def test_the_form_takes_what_fact_takes(engine, sent):
    """Regression: the form refused `measurable_soon=Yes` ("The answer is Yes or No, not 'Yes'")
    and `goal_clarity=specific ` (422), both taken by `--fact`, though docs/serve.md says the
    form is read as the CLI reads its command line."""
    service = Service(engine)
    app = create_app(service)
    try:
        reply = asyncio.run(asgi_call(app, "POST", "/decide", parts=[sent.encode()],
                                      headers={"content-type": "application/x-www-form-urlencoded"}))
    finally:
        shut_down(app)
    assert reply.status == 200, reply.text[-600:]


@pytest.mark.parametrize("name", ["goal_clarity", "needs"])
def test_unknown_is_the_value_of_that_name_where_a_fact_has_one(engine, name):
    """A choice named `unknown` (the schema allows one) is that choice, by `--fact` and on the
    page alike, where the page offers it as a box: read as unknown, the page's own choice
    would be dropped."""
    from pathfit.engine.pipeline.value_text import value_from_text

    fact = engine.ruleset.facts[name]
    named = fact._replace(values=(*fact.values, "unknown"))
    assert value_from_text(named, "unknown") == ("unknown" if fact.type == "enum" else ["unknown"])
    assert value_from_text(fact, "unknown") is None
