"""docs/engine.md's "unknown is not false" says when an answer can take a firing back.

The bug this pins: it said, with no exception, that filling in an unknown fact can only add
firings, never remove one. A test of whether a fact is known is decided on an unknown fact
(`is: unknown` true, `is: known` false), so answering the fact turns it over: a rule testing
`is: unknown` stops firing, and so does one needing false a derived fact whose only deriver
tests `is: known`. The property test (tests/test_differential.py) leaves such tests out for
that reason. Here the engine shows both, and the doc's sentence must name the exception."""
from __future__ import annotations

from pathlib import Path

from pathfit.engine import Engine

from .helpers import ROOT, SHARE_POLICY, yes_no_rule_set

RULES = """rules:
  - id: t.unanswered
    reason: A is not answered.
    cites: [goals]
    when: {fact: a, is: unknown}
    then: {evidence: {mentoring: 1}}
  - id: t.answered
    reason: A is answered.
    cites: [goals]
    when: {fact: a, is: known}
    then: {derive: [answered]}
  - id: t.not_answered
    reason: A was not found answered.
    cites: [goals]
    when: {fact: answered, equals: false}
    then: {evidence: {mentoring: 1}}
  - id: t.coaching
    reason: B says coaching.
    cites: [goals]
    when: {fact: b, equals: true}
    then: {evidence: {coaching: 1}}
"""


def test_answering_a_fact_tested_for_being_known_takes_firings_back(tmp_path: Path):
    folder = yes_no_rule_set(tmp_path, "presence", "ab", RULES, SHARE_POLICY)
    schema = folder / "schema.yaml"
    schema.write_text(schema.read_text().replace(
        "derived: {}", "derived:\n  answered: {description: A was answered}"))
    with Engine.load(folder) as engine:
        before = set(engine.evaluate({"b": True}).to_dict()["fired"])
        after = set(engine.evaluate({"b": True, "a": True}).to_dict()["fired"])
    assert {"t.unanswered", "t.not_answered"} <= before
    assert not {"t.unanswered", "t.not_answered"} & after


def test_the_doc_names_the_presence_tests_as_the_exception():
    text = (ROOT / "docs" / "engine.md").read_text(encoding="utf-8")
    section = text.split("## Semantics: unknown is not false", 1)[1].split("\n## ", 1)[0]
    paragraph = " ".join(section.strip().split("\n\n")[0].split())
    assert "can only add firings" in paragraph, "the sentence on filling in an unknown fact is gone"
    said = paragraph.split("can only add firings", 1)[1]
    assert "`is: known`" in said and "`is: unknown`" in said
