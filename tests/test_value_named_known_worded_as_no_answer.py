"""Regression: HR wording took an enum value named `unknown` for no answer, and one named
`known` for an answered fact. With `status` taking the values known, unknown and none (each
labelled), `explain --what-if` showed the change to the value `unknown` as "-> unknown", the same
words as leaving the question unanswered, and `--why-not` said of an `is: unknown` test on a
person whose status was `none` "here: Known to us", the label of a value the person did not give.
A value is now worded by its label whatever its name; only no answer reads "unknown", and an
`is:` test reads whether the fact is answered."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .audit_support import run
from .helpers import written_rule_set

SCHEMA = """ruleset: named-like-words
knowledge_base: kb.md
facts:
  status:
    type: enum
    values: [known, unknown, none]
    labels: {known: Known to us, unknown: Not known to us, none: None of them}
    question: What is the status?
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: undetermined, when: {strongest_below: 2}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
RULES = """rules:
  - id: c.known
    reason: A status of known is coaching's.
    cites: [s]
    when: {fact: status, equals: known}
    then: {evidence: {coaching: 3}}
  - id: m.value_unknown
    reason: A status of unknown is mentoring's.
    cites: [s]
    when: {fact: status, equals: unknown}
    then: {evidence: {mentoring: 3}}
  - id: m.unanswered
    reason: An unanswered status is mentoring's too.
    cites: [s]
    when: {fact: status, is: unknown}
    then: {evidence: {mentoring: 3}}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return written_rule_set(tmp_path_factory.mktemp("named") / "rules", SCHEMA, POLICY, RULES, ("Status", "s"))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_what_if_words_the_value_unknown_by_its_label_and_no_answer_as_unknown(rules):
    said = run("explain", "--rules", rules, "--fact", "status=none", "--what-if")
    assert said.exit_code == 0, said.output
    text = _flat(said.output)
    changes = re.findall(r"What is the status\? None of them -> ([A-Za-z ]+?)(?: ->|$| \(| What|;)", text)
    assert sorted(changes) == ["Known to us", "Not known to us", "unknown"], text


def test_why_not_says_an_answered_status_is_known_not_the_value_known(rules):
    said = run("explain", "--rules", rules, "--fact", "status=none", "--why-not", "mentoring")
    assert said.exit_code == 0, said.output
    text = _flat(said.output)
    assert "needs: What is the status? unknown here: known" in text
    assert "needs: What is the status? Not known to us here: None of them" in text
    assert "Known to us" not in text.replace("Not known to us", "")
