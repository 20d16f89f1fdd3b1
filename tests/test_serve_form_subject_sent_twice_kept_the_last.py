"""Regression: the page's form posted with its subject or operator box sent twice with two
values (`:subject=Alice&:subject=Bob`, which no browser sends from the page but any client can)
kept the last without a word: Bob was recorded as the subject, Alice dropped; an operator sent
as `op1` and then an empty box was recorded as none. The CLI refuses `--subject A --subject B`
(PF613, "--subject given twice, as 'A' and 'B'; give one"), and the form is read as the command
line is. Now two values for either box are refused beside it (422, PF613), with every other
problem of the answers, nothing decided or recorded; the same value twice, or a value and an
empty box (an empty box is no answer, as for a question), is taken as that value. Without an
audit log, where the page has no such boxes, a post naming someone is refused as before."""
from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from .html_support import Tree
from .serve_support import Server, call
from .serve_support import audited  # the module-scoped audited service the serve tests share

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def post(srv, fields: list[tuple[str, str]]):
    return call(srv, "POST", "/decide", raw=urlencode(fields).encode(), headers=FORM)


def records(srv) -> list[dict]:
    return [json.loads(line)["record"] for line in srv.log.read_text().splitlines()] if srv.log.exists() else []


@pytest.mark.parametrize(("box", "values"), [
    ("subject", ["Alice Smith", "Bob Jones"]), ("operator", ["HR Jo", "HR Kim"]),
    ("subject", ["Alice Smith", "", "Bob Jones", "Alice Smith"])])
def test_a_box_sent_with_two_values_is_refused_beside_it_and_nothing_recorded(audited, box, values):
    before = len(records(audited))
    reply = post(audited, [("willing_to_change", "no"), ("hours_per_month", "999"), *[(":" + box, v) for v in values]])
    assert reply.status == 422, reply.text[:800]
    assert len(records(audited)) == before
    tree = Tree(reply.text)
    assert tree.by_id("recommendation") is None
    problems = tree.by_id("errors")["text"]
    assert "given twice, as 'Alice Smith' and 'Bob Jones'; give one" in problems or \
        "given twice, as 'HR Jo' and 'HR Kim'; give one" in problems, problems
    assert "hours" in problems.lower()  # the answers' own problem said with it
    field = next(e for e in tree.elements if e["attrs"].get("name") == ":" + box)
    assert field["attrs"].get("aria-invalid") == "true"


@pytest.mark.parametrize("values", [["HR Jo", "HR Jo"], ["HR Jo", ""], ["", "HR Jo"]])
def test_one_value_sent_again_or_beside_an_empty_box_is_that_value(audited, values):
    before = len(records(audited))
    reply = post(audited, [("willing_to_change", "no"), *[(":operator", v) for v in values]])
    assert reply.status == 200, reply.text[:800]
    assert [r.get("operator") for r in records(audited)[before:]] == ["HR Jo"]


def test_without_an_audit_log_two_subjects_are_refused_as_one_is():
    srv = Server()
    try:
        reply = post(srv, [("willing_to_change", "no"), (":subject", "A"), (":subject", "B")])
        assert reply.status == 422 and "keeps no record" in Tree(reply.text).by_id("errors")["text"]
        assert "given twice" not in reply.text
    finally:
        srv.stop()
