"""Regression: with one evidence outcome, a `balance` figure was explained as "each reason adds
the part of its evidence matched by evidence for the other outcome", in `recommend` and on the
web page, where there is no other outcome: the least score is that outcome's own, so all its
evidence is matched and each reason adds its part of it (weights 1 and 3: +0.25 and +0.75,
confidence 1). The words now say so."""
from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from pathfit.engine import Engine

from .audit_support import run
from .serve_support import asgi_call, shut_down
from .helpers import written_rule_set

SCHEMA = """ruleset: one-outcome
knowledge_base: kb.md
facts:
  wants:
    type: set
    values: [small, big]
    labels: {small: Something small, big: Something big}
    question: What does the person want?
"""
POLICY = """outcomes:
  - {name: go_on, label: Go on, description: Do it.}
  - {name: no_idea, label: No idea, description: Too little.}
evidence_outcomes: [go_on]
referrals: []
decision:
  - {outcome: go_on, when: {each_at_least: 1}, confidence: balance}
  - {outcome: no_idea, when: {}, confidence: balance}
"""
RULES = """rules:
  - id: w.small
    reason: Something small counts a little.
    cites: [w]
    when: {fact: wants, contains: small}
    then: {evidence: {go_on: 1}}
  - id: w.big
    reason: Something big counts more.
    cites: [w]
    when: {fact: wants, contains: big}
    then: {evidence: {go_on: 3}}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return written_rule_set(tmp_path_factory.mktemp("one") / "rules", SCHEMA, POLICY, RULES, ("Wants", "w"))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_recommend_says_all_evidence_of_the_one_outcome_is_matched(rules):
    said = run("recommend", "--rules", rules, "--fact", "wants=small,big")
    assert said.exit_code == 0, said.output
    text = _flat(said.output)
    assert "Recommendation: Go on Confidence: 1.00" in text
    assert "other outcome" not in text
    assert "with one outcome weighed, all its evidence counts as matched: each reason adds its part" in text
    assert "Something small counts a little. [kb#w] (+0.25)" in text
    assert "Something big counts more. [kb#w] (+0.75)" in text


def test_the_web_page_says_the_same_words(rules):
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    with Engine.load(rules) as engine:
        service = Service(engine)
        try:
            form = urlencode([("wants", "small"), ("wants", "big")]).encode()
            app = create_app(service)
            page = asyncio.run(asgi_call(app, "POST", "/decide", parts=[form],
                                         headers={"content-type": "application/x-www-form-urlencoded"}))
        finally:
            shut_down(app)
    assert page.status == 200
    text = _flat(html.unescape(re.sub(r"<[^>]*>", " ", page.body.decode())))
    assert "Go on" in text and "other outcome" not in text
    assert "with one outcome weighed, all its evidence counts as matched" in text
