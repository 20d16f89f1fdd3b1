"""The API reports every problem of a request at once, sorted as every pathfit error list is
(by where it is: `facts.NAME`, then the request's own keys): unknown keys (each with its
did-you-mean), the facts' problems, a bad subject or operator, and explain's `why_not` and
`what_if`. Regression: the first unknown key was reported alone, and a bad `why_not` or
`what_if` hid the facts' problems (or was hidden by them)."""
from __future__ import annotations

import pytest

from .serve_support import Server, call


@pytest.fixture(scope="module")
def plain():
    """One plain service (the bundled rules, no audit log, no token) for this module's tests."""
    srv = Server()
    yield srv
    srv.stop()


def _errors(reply) -> list[tuple[str, str | None]]:
    assert reply.status == 422, reply.body
    return [(e["code"], e["fact"]) for e in reply.json["errors"]]


def test_decisions_reports_every_unknown_key_with_the_facts_problems(plain):
    reply = call(plain, "POST", "/v1/decisions", {"facts": {"goal_clarity": "specfic", "hours_per_month": -1},
                                                   "subjct": "A", "operater": "B"})
    assert _errors(reply) == [("PF403", "goal_clarity"), ("PF404", "hours_per_month"), ("PF905", None),
                              ("PF905", None)]
    messages = [e["message"] for e in reply.json["errors"]]
    assert messages[2].startswith("unknown key 'operater' in the request (did you mean 'operator'?)"), messages
    assert messages[3].startswith("unknown key 'subjct' in the request (did you mean 'subject'?)"), messages


def test_unknown_keys_are_reported_with_a_bad_subject_and_facts_that_are_not_a_mapping(plain):
    reply = call(plain, "POST", "/v1/decisions", {"facts": [], "subject": "", "extra": 1})
    assert [e["code"] for e in reply.json["errors"]] == ["PF905", "PF406", "PF628"], reply.body
    assert reply.status == 422


@pytest.mark.parametrize("options,expected", [
    ({"what_if": "yes"}, [("PF403", "goal_clarity"), ("PF905", None)]),
    ({"why_not": 5}, [("PF403", "goal_clarity"), ("PF905", None)]),
    ({"subject": "a\nb", "what_if": 1}, [("PF403", "goal_clarity"), ("PF628", None), ("PF905", None)]),
    ({"why_not": 5, "what_if": "yes", "whatif": True},
     [("PF403", "goal_clarity"), ("PF905", None), ("PF905", None), ("PF905", None)]),
], ids=["what-if-not-boolean", "why-not-not-text", "subject-and-what-if", "all-of-them"])
def test_explain_reports_its_options_problems_with_the_facts_problems(plain, options, expected):
    reply = call(plain, "POST", "/v1/explain", {"facts": {"goal_clarity": "specfic"}, **options})
    assert _errors(reply) == expected


def test_explain_reports_a_bad_option_alone_when_the_facts_are_good(plain):
    reply = call(plain, "POST", "/v1/explain", {"facts": {"goal_clarity": "specific"}, "what_if": "yes"})
    assert reply.status == 422 and reply.json["errors"] == [
        {"code": "PF905", "message": "what_if is true or false", "fact": None}]


def test_explain_reports_an_outcome_the_policy_does_not_give_with_the_facts_problems(plain):
    reply = call(plain, "POST", "/v1/explain", {"facts": {"goal_clarity": "specfic"}, "why_not": "mentorng"})
    assert _errors(reply) == [("PF403", "goal_clarity"), ("PF613", None)]
    assert "did you mean 'mentoring'?" in reply.json["errors"][1]["message"], reply.body
