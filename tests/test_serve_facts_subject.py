"""`subject` inside a request's `facts` is the subject, as a profile's top-level `subject` is
to the CLI (the request's facts are a profile, and /v1/schema lists `subject` among them):
checked by the same rule with the same code (PF628, a 422, never a 500), recorded like the
body's `subject`, and refused when both are given and differ. The page's form has its own
subject box, so a `subject` field there is one the form does not ask about. And on the
page, "None of these" ticked with other needs is refused beside its question."""
from __future__ import annotations

import json
import re

import pytest

from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.subject import readable_subject
from pathfit.engine.errors import Pos

from .audit_support import make_key
from .helpers import ROOT
from .serve_support import Server, call, example_facts, form_body
from .serve_support import server  # the module-scoped service the serve tests share

VP = ROOT / "examples" / "new-vp-wants-structure.yaml"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("facts-subject")
    key = make_key(tmp)
    srv = Server("--audit-log", str(tmp / "audit.jsonl"), env={"PATHFIT_AUDIT_KEY_FILE": str(key)})
    srv.log, srv.key = tmp / "audit.jsonl", load_key(str(key))
    yield srv
    srv.stop()


def _records(log) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line)["record"] for line in log.read_text(encoding="utf-8").splitlines()
            if "record" in json.loads(line)]


def _errors(reply) -> list[tuple]:
    return [(e["code"], e["fact"]) for e in reply.json["errors"]]


@pytest.mark.parametrize("path", ["/v1/decisions", "/v1/explain"])
@pytest.mark.parametrize("raw", [b'""', b"1", b'"\\u202eevil"', b'"\\ud800"', b'"a\\u2028b"'],
                         ids=["empty", "number", "bidi", "lone-surrogate", "line-separator"])
def test_a_bad_facts_subject_is_a_422_with_pf628_at_it(server, path, raw):
    reply = call(server, "POST", path, raw=b'{"facts": {"subject": ' + raw + b"}}",
                 headers={"Content-Type": "application/json"})
    assert reply.status == 422, reply.body
    assert _errors(reply) == [("PF628", "subject")]


def test_a_bad_facts_subject_is_refused_with_the_problems_of_the_facts(server):
    reply = call(server, "POST", "/v1/decisions", {"facts": {"goal_clarity": "specfic", "subject": 7}})
    assert reply.status == 422
    assert _errors(reply) == [("PF403", "goal_clarity"), ("PF628", "subject")]
    reply = call(server, "POST", "/v1/decisions", {"facts": {"goal_clarity": "specfic", "subject": 7},
                                                   "operator": ""})
    assert reply.status == 422
    assert _errors(reply) == [("PF403", "goal_clarity"), ("PF628", "subject"), ("PF628", None)]


@pytest.mark.parametrize("path", ["/v1/decisions", "/v1/explain"])
def test_facts_subject_and_a_different_subject_are_refused(server, audited, path):
    server = audited if path == "/v1/decisions" else server  # a decision takes a subject where a record keeps it
    reply = call(server, "POST", path, {"facts": {"subject": "Jane"}, "subject": "Bob"})
    assert reply.status == 422 and _errors(reply) == [("PF628", None)], reply.body
    reply = call(server, "POST", path, {"facts": {"subject": "Jane", "goal_clarity": "x"}, "subject": "Bob"})
    assert reply.status == 422 and _errors(reply) == [("PF403", "goal_clarity"), ("PF628", None)]
    assert call(server, "POST", path, {"facts": {"subject": "Jane"}, "subject": "Jane"}).status == 200


def test_facts_subject_is_recorded_as_the_subject(audited):
    facts = example_facts(VP)
    reply = call(audited, "POST", "/v1/decisions", {"facts": {**facts, "subject": "Jane"}})
    assert reply.status == 200, reply.body
    assert reply.json == call(audited, "POST", "/v1/decisions", {"facts": facts}).json  # not a fact
    first = _records(audited.log)[int(reply.headers["x-pathfit-audit-seq"]) - 1]
    assert "Jane" not in json.dumps(first)  # sealed, as the body's subject is
    assert readable_subject(first, audited.key, Pos("log")) == "Jane"
    count = len(_records(audited.log))
    refused = call(audited, "POST", "/v1/decisions", {"facts": {**facts, "subject": "Jane"}, "subject": "Bob"})
    assert refused.status == 422 and _errors(refused) == [("PF628", None)]
    assert len(_records(audited.log)) == count  # nothing recorded
    refused = call(audited, "POST", "/v1/decisions", {"facts": {**facts, "subject": ""}})
    assert refused.status == 422 and _errors(refused) == [("PF628", "subject")]
    assert len(_records(audited.log)) == count


def _page_errors(text: str) -> str:
    found = re.search(r'<section class="errors" id="errors">(.*?)</section>', text, re.S)
    return found.group(1) if found else ""


def test_the_form_refuses_a_subject_field_it_does_not_ask(server):
    reply = call(server, "POST", "/decide", raw=form_body(example_facts(VP)) + b"&subject=Jane", headers=FORM)
    shown = _page_errors(reply.text)
    assert reply.status == 422 and 'id="recommendation"' not in reply.text
    assert shown.count("<li>") == 1 and "subject" not in shown, shown


def test_the_form_refuses_none_of_these_with_other_needs_beside_the_question(server):
    facts = {k: v for k, v in example_facts(VP).items() if k != "needs"}
    reply = call(server, "POST", "/decide", raw=form_body(facts) + b"&needs=%3Anone&needs=network", headers=FORM)
    shown = _page_errors(reply.text)
    assert reply.status == 422 and 'id="recommendation"' not in reply.text, reply.text
    items = re.findall(r'<li><a href="#q-([a-z_]+)">', shown)
    assert items == ["needs"] and shown.count("<li>") == 1, shown
    assert ":none" not in shown and "None of these" in shown  # the box by its label, never its value
    ticked = re.findall(r'name="needs" value="([^"]+)" checked', reply.text)
    assert sorted(ticked) == [":none", "network"]  # the answers shown as given, to be corrected
    alone = call(server, "POST", "/decide", raw=form_body(facts) + b"&needs=%3Anone", headers=FORM)
    assert alone.status == 200 and _page_errors(alone.text) == ""
