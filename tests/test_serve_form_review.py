"""Regressions from a review of the web page and the API against the CLI.

- A yes/no question answered twice on the form was a 500 (the page could not show a list as
  the chosen answer); it is refused beside its question, as an enum or number answered twice is.
- A clash between two rules met while deciding (PF231) was listed under "Please check these
  answers", in identifiers, though both answers are valid: it is the rules' failure, under a
  heading of its own, located at the rule for whoever runs pathfit.
- A form field named with a leading `:` other than the subject and operator boxes was dropped
  without a word and the decision recorded; it is refused as any field the form does not ask.
- `recommend` said a bad --subject or --operator only once the facts were mended; it says
  every problem at once, as the service does.
- The API's errors put a request key that sorts before "facts." ahead of the facts'; the facts'
  now come first, by name, then the request's keys."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE
from .serve_support import Server, call
from .serve_support import audited  # the module-scoped audited service the serve tests share

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
VALUED_CONE = HERE / "fixtures" / "claims" / "valued_cone"


def _entries(srv) -> int:
    return len(srv.log.read_text().splitlines()) if srv.log.exists() else 0


@pytest.mark.parametrize("body", [b"measurable_soon=yes&measurable_soon=no", b"measurable_soon=yes&measurable_soon=yes"])
def test_a_yes_no_question_answered_twice_is_refused_beside_it(audited, body):
    before = _entries(audited)
    page = call(audited, "POST", "/decide", raw=body, headers=FORM)
    assert page.status == 422, page.body
    assert 'href="#q-measurable_soon"' in page.text and "several answers" in page.text
    assert _entries(audited) == before


@pytest.mark.parametrize("field", ["%3Afoo=bar", "%3Anone=x", "%3A=x"])
def test_a_colon_named_field_the_form_does_not_ask_is_refused(audited, field):
    before = _entries(audited)
    page = call(audited, "POST", "/decide", raw=f"goal_clarity=specific&{field}".encode(), headers=FORM)
    assert page.status == 422 and "a field this form does not ask about" in page.text, page.body
    assert _entries(audited) == before


def test_a_clash_between_rules_is_the_rules_failure_not_the_answers():
    srv = Server("--rules", str(VALUED_CONE))
    try:
        page = call(srv, "POST", "/decide", raw=b"has_deadline=no&ready_for_change=yes", headers=FORM)
        api = call(srv, "POST", "/v1/decisions", {"facts": {"has_deadline": False, "ready_for_change": True}})
    finally:
        srv.stop()
    assert page.status == 422 and api.status == 422
    assert [e["code"] for e in api.json["errors"]] == ["PF231"]
    assert "Please check these answers" not in page.text
    section = re.search(r'<section class="errors" id="failure-rules">(.*?)</section>', page.text, re.S).group(1)
    assert "The rules could not decide for these answers" in section
    assert re.search(r"rules\.yaml:\d+:\d+: PF231: ", section), section


def test_recommend_says_a_bad_subject_with_a_bad_fact():
    result = CliRunner().invoke(cli, ["recommend", "--subject", "a\x01", "--fact", "goal_clarity=x"])
    assert result.exit_code == 2
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == ["PF403", "PF628"], result.stderr
    result = CliRunner().invoke(cli, ["recommend", "--operator", "", "--fact", "goal_clarity=x"])
    assert result.exit_code == 2 and {"PF628", "PF403"} <= {line.split(": ")[1] for line in result.stderr.splitlines()}


def test_the_api_lists_the_facts_problems_first_then_the_request_keys(audited):
    reply = call(audited, "POST", "/v1/decisions",
                 {"alpha": 1, "zeta": 1, "facts": {"goal_clarity": "specfic"}, "operator": ""})
    assert reply.status in (400, 422)
    facts = [e["fact"] for e in reply.json["errors"]]
    assert facts[0] == "goal_clarity" and all(f is None for f in facts[1:]), reply.json
