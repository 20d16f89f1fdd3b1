"""Without `--audit-log`, the page still asked "For the record (optional)" for a subject and an
operator, checked them, and kept them nowhere (no record is made; the page's advice to print it
prints no box), and `/v1/decisions` took them and dropped them alike, where `pathfit recommend
--subject` without a record is refused (PF613). Now, without an audit log, the page asks for
neither, a post or a request that gives one anyway is refused with PF613 (422), nothing decided,
as the CLI refuses it; `/openapi.json` says so. With an audit log, unchanged: the boxes are there
and what is typed in them is recorded. Checked on served pages, their HTML parsed."""
from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from .audit_support import make_key
from .html_support import Tree
from .serve_support import Server, call

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PERSON = ("subject", "operator")


@pytest.fixture(scope="module")
def plain():
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audited")
    srv = Server("--audit-log", str(tmp / "audit.jsonl"), env={"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp))})
    srv.log = tmp / "audit.jsonl"
    yield srv
    srv.stop()


def person_boxes(tree: Tree) -> list[str]:
    """The names of the page's controls for the record, and the legend asking for them."""
    names = [e["attrs"].get("name") for e in tree.elements if e["tag"] in ("input", "select", "textarea")]
    legends = [e["text"] for e in tree.elements if e["tag"] == "legend" and "record" in e["text"]]
    return [n for n in names if n in (":subject", ":operator")] + legends


def post(srv, fields: list[tuple[str, str]]):
    return call(srv, "POST", "/decide", raw=urlencode(fields).encode(), headers=FORM)


def every_link_lands(tree: Tree) -> None:
    ids = {e["attrs"]["id"] for e in tree.elements if "id" in e["attrs"]}
    for e in tree.elements:
        href = e["attrs"].get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_without_an_audit_log_the_page_asks_for_no_subject_or_operator(plain):
    page = Tree(call(plain, "GET", "/").text)
    assert page.by_id("interview") is not None and person_boxes(page) == []
    answered = post(plain, [("goal_clarity", "specific")])
    assert answered.status == 200 and person_boxes(Tree(answered.text)) == []
    assert Tree(answered.text).by_id("recommendation") is not None


@pytest.mark.parametrize("fields", [
    [(":subject", "E-1042")], [(":operator", "HR Jo")], [(":subject", "E-1042"), (":operator", "HR Jo")],
], ids=["subject", "operator", "both"])
def test_without_an_audit_log_a_post_naming_someone_is_refused_as_the_api_refuses_it(plain, fields):
    """The page's refusal and the API's are one: PF613 (422), nothing decided, said on the page
    without a link to a box it does not have, the title saying Error."""
    reply = post(plain, [("goal_clarity", "specific"), *fields])
    assert reply.status == 422, reply.text[:600]
    tree = Tree(reply.text)
    assert tree.by_id("recommendation") is None and person_boxes(tree) == []
    title = next(e["text"] for e in tree.elements if e["tag"] == "title")
    assert title.startswith("Error:"), title
    problems = tree.by_id("errors")
    assert problems is not None and "record" in problems["text"], reply.text[:1200]
    every_link_lands(tree)
    given = {name[1:]: value for name, value in fields}
    api = call(plain, "POST", "/v1/decisions", {"facts": {"goal_clarity": "specific"}, **given})
    assert api.status == 422 and [(e["code"], e["fact"]) for e in api.json["errors"]] == \
        [("PF613", None)] * len(given), api.body


def test_without_an_audit_log_the_api_still_takes_no_one_and_a_bad_subject_is_still_pf628(plain):
    facts = {"goal_clarity": "specific"}
    assert call(plain, "POST", "/v1/decisions", {"facts": facts, "subject": None, "operator": None}).status == 200
    bad = call(plain, "POST", "/v1/decisions", {"facts": facts, "subject": "a\nb", "operator": "HR Jo"})
    said = [(e["code"], e["message"].split(" ")[0]) for e in bad.json["errors"]]  # the request's keys by name
    assert bad.status == 422 and said == [("PF613", "operator"), ("PF628", "subject")], bad.body
    assert call(plain, "POST", "/v1/explain", {"facts": facts, "subject": "E-1042"}).status == 200


def test_openapi_says_a_service_without_an_audit_log_takes_no_subject_or_operator(plain, audited):
    from jsonschema import Draft202012Validator

    for srv, takes in ((plain, False), (audited, True)):
        doc = call(srv, "GET", "/openapi.json").json
        valid = Draft202012Validator({**doc, "$ref": "#/components/schemas/DecisionRequest"}).is_valid
        for key in PERSON:
            assert valid({"facts": {}, key: "E-1042"}) is takes and valid({"facts": {}, key: None})


def test_with_an_audit_log_the_boxes_are_there_and_what_is_typed_is_recorded(audited):
    page = Tree(call(audited, "GET", "/").text)
    assert person_boxes(page) == [":subject", ":operator", "For the record (optional)"]
    reply = post(audited, [("goal_clarity", "specific"), (":subject", "E-1042"), (":operator", "HR Jo")])
    assert reply.status == 200 and Tree(reply.text).by_id("report-link") is not None, reply.text[:600]
    assert person_boxes(Tree(reply.text))[:2] == [":subject", ":operator"]
    record = json.loads(audited.log.read_text().splitlines()[-1])["record"]
    assert record["operator"] == "HR Jo" and "subject" in json.dumps(record)
