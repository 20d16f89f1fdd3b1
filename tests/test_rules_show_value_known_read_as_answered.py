"""Regression: `pathfit rules show` wrote a test of a value named `known` and a test of whether
the fact is answered the same way: with `status` taking the values known and unknown,
`{fact: status, equals: known}` and `{fact: status, is: known}` both read "status is known".
A test of being known now says so in words: "(answered)", "(not answered)", and "(settled)" for
a derived fact, while a value test reads as a value, its value quoted (`status is "known"`) as a
trace's condition quotes it."""
from __future__ import annotations

from pathlib import Path

import pytest

from .audit_support import run
from .helpers import written_rule_set

SCHEMA = """ruleset: named-like-words
knowledge_base: kb.md
facts:
  status:
    type: enum
    values: [known, unknown, other]
    labels: {known: Known to us, unknown: Not known to us, other: Something else}
    question: What is the status?
derived:
  sure:
    description: the status is sure
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
decision:
  - {outcome: undetermined, when: {strongest_below: 1}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
RULES = """rules:
  - id: s.sure
    reason: A status of known or unknown is sure.
    cites: [s]
    when: {any: [{fact: status, equals: known}, {fact: status, equals: unknown}]}
    then: {derive: [sure]}
  - id: c.answered
    reason: An answered status that is settled as sure or not is coaching's.
    cites: [s]
    when: {all: [{fact: status, is: known}, {fact: sure, is: known}]}
    then: {evidence: {coaching: 1}}
  - id: m.unanswered
    reason: An unanswered status is mentoring's.
    cites: [s]
    when: {fact: status, is: unknown}
    then: {evidence: {mentoring: 1}}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return written_rule_set(tmp_path_factory.mktemp("named") / "rules", SCHEMA, POLICY, RULES, ("Status", "s"))


def _when(rules: Path, rule_id: str) -> list[str]:
    said = run("rules", "show", "--rules", rules, rule_id)
    assert said.exit_code == 0, said.output
    lines = said.output.splitlines()
    after = lines[lines.index("when:") + 1:]
    return [line.strip() for line in after[:next(i for i, line in enumerate(after) if not line.startswith(" "))]]


def test_a_value_named_known_reads_as_a_value(rules):
    assert _when(rules, "s.sure") == ["any of:", 'status is "known"', 'status is "unknown"']


def test_a_test_of_being_known_says_answered_or_settled(rules):
    assert _when(rules, "c.answered") == ["all of:", "status is known (answered)", "sure is known (settled)"]
    assert _when(rules, "m.unanswered") == ["status is unknown (not answered)"]
