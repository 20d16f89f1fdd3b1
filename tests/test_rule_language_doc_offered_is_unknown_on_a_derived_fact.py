"""docs/rule-language.md says which facts take `is: known` and `is: unknown`, as the validator does.

The bug this pins: the guide listed `is: known` or `is: unknown` for every fact, nested freely,
while a derived fact takes `is: known` only (`is: unknown` is PF204), and never where it would
have to be shown false, under a `not` or in a rule that must be refuted (PF210). An author
following the guide wrote a condition the loader refused. Each restriction is checked here on
the tiny fixture, by code and place, and the guide must state it."""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ROOT, tiny_edited_problems


@pytest.mark.parametrize("old, new, code, line, col", [
    # e.coach tests a derived fact for being unknown: at the operand `unknown`
    ("{fact: structured, equals: true}, {fact: needs", "{fact: structured, is: unknown}, {fact: needs", "PF204", 15, 41),
    # e.broad tests, under a `not`, that a derived fact is known: at that comparison
    ("when: {fact: broad, equals: true}", "when: {not: {fact: broad, is: known}}", "PF210", 25, 17),
    # d.structured must be refuted (e.mentor needs `structured` false) and tests `is: known`:
    # at that comparison
    ("when: {any: [{fact: goal, equals: specific}, {fact: hours, gte: 4}]}",
     "when: {fact: broad, is: known}", "PF210", 5, 11),
])
def test_the_validator_refuses_what_the_guide_now_rules_out(tmp_path: Path, old, new, code, line, col):
    assert (code, "rules.yaml", line, col) in tiny_edited_problems(tmp_path, "rules.yaml", old, new)


def test_the_guide_says_a_derived_fact_takes_is_known_only():
    text = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    paragraph = " ".join(text.split("Conditions compare one fact:", 1)[1].split("\n\n", 1)[0].split())
    assert "a derived fact takes `is: known` only, PF204" in paragraph
    assert "under a `not`, or in a rule that must be refuted" in paragraph and "PF210" in paragraph
