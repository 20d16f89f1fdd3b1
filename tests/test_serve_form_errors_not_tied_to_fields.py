"""Regression: an answer the web page refused was said only in the list "Please check these
answers" at the top: its control was not marked invalid nor described by the problem, so one
tabbing to the question with a screen reader heard nothing wrong there; the page's title was
the same as before, so nothing said on arrival that the answers were refused; and a refused
subject or operator had no link to its box. Now the problem is said again inside the
question, first among what describes its control (aria-describedby), the control is
aria-invalid, the title starts "Error:", and every item of the list links to its question
or box (WCAG 2.2: 3.3.1, 3.3.3, 4.1.2). An answer the page took is not marked."""
from __future__ import annotations

import html
import re

from .serve_support import call
from .serve_support import audited  # the module-scoped audited service the serve tests share
from .html_support import Tree

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
REFUSED = (b"goal_clarity=specfic&horizon_months=500&team_goal=maybe&needs=network&needs=%3Anone"
           b"&measurable_soon=yes&%3Asubject=%E2%80%AE")


def _listed(text: str) -> dict[str, str]:
    """The list at the top: each item's link target -> what it says after the question."""
    section = text.split('id="errors"')[1].split("</section>")[0]
    return {target: html.unescape(said).strip()
            for target, said in re.findall(r'<li><a href="#([^"]+)">.*?</a>(.*?)</li>', section, re.S)}


def test_a_refused_answer_is_said_at_its_control_and_the_control_is_marked_invalid(audited):
    reply = call(audited, "POST", "/decide", raw=REFUSED, headers=FORM)
    assert reply.status == 422, reply.body
    listed = _listed(reply.text)
    assert set(listed) == {"q-goal_clarity", "q-horizon_months", "q-team_goal", "q-needs", "p-subject"}
    tree = Tree(reply.text)
    for target, said in listed.items():
        box = target.startswith("p-")
        controls = [tree.by_id(target)] if box else [
            e for e in tree.elements if e["tag"] in ("input", "select") and e["attrs"].get("name") == target[2:]]
        assert controls and all(c is not None for c in controls), target
        for control in controls:
            assert control["attrs"].get("aria-invalid") == "true", target
            first = control["attrs"]["aria-describedby"].split()[0]
            assert tree.by_id(first)["text"].strip() == f"Error: {said}", target
    taken = [e for e in tree.elements if e["attrs"].get("name") in ("measurable_soon", ":operator")]
    assert taken and not [e for e in taken if "aria-invalid" in e["attrs"]]


def test_the_title_says_the_answers_were_refused_and_only_then(audited):
    refused = call(audited, "POST", "/decide", raw=REFUSED, headers=FORM).text
    taken = call(audited, "POST", "/decide", raw=b"goal_clarity=specific", headers=FORM).text
    heading = re.search(r"<h1>(.*?)</h1>", taken).group(1)
    assert f"<title>Error: {heading}</title>" in refused
    assert f"<title>{heading}</title>" in taken and "aria-invalid" not in taken


def test_after_a_refused_answer_is_mended_nothing_is_marked(audited):
    mended = REFUSED.replace(b"specfic", b"specific").replace(b"500", b"5").replace(b"maybe", b"no")
    mended = mended.replace(b"&needs=%3Anone", b"").replace(b"&%3Asubject=%E2%80%AE", b"")
    reply = call(audited, "POST", "/decide", raw=mended, headers=FORM)
    assert reply.status == 200, reply.body
    assert "aria-invalid" not in reply.text and 'class="field-error"' not in reply.text
    assert 'id="recommendation"' in reply.text
