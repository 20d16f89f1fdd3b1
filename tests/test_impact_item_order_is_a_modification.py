"""`impact`'s rule table compares rules by meaning, not layout, and the order of a list's items
is kept as meaning (within `all` or `any` it decides which failing condition a trace shows):
reordering the conditions, `cites`, `suggest`, `derive` or the values of `one_of` is a
modification. authoring.md said only "compared by meaning, not layout", which reads as if
reordering were never a change; it now says so. The order of a mapping's keys (`evidence`)
is not kept, and moving a rule to another file is layout."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.authoring.impact import compare

from .helpers import ROOT, tiny_copy

E_COACH = "then: {evidence: {coaching: 3}, suggest: [external_coach]}"
D_STRUCTURED = "when: {any: [{fact: goal, equals: specific}, {fact: hours, gte: 4}]}"
BASE = {  # the tiny fixture's own text -> the base version's
    E_COACH: "then: {evidence: {coaching: 3, mentoring: 1}, suggest: [external_coach, peer_mentoring]}",
    "then: {derive: [broad]}": "then: {derive: [broad, structured]}",
    D_STRUCTURED: "when: {any: [{fact: goal, one_of: [specific, emerging]}, {fact: hours, gte: 4}]}",
}
REORDERED = {  # base text -> the new version's, and the rule whose status that gives
    "all": ("{all: [{fact: structured, equals: true}, {fact: needs, contains: skill}]}",
            "{all: [{fact: needs, contains: skill}, {fact: structured, equals: true}]}", "e.coach"),
    "any": ("{any: [{fact: goal, one_of: [specific, emerging]}, {fact: hours, gte: 4}]}",
            "{any: [{fact: hours, gte: 4}, {fact: goal, one_of: [specific, emerging]}]}", "d.structured"),
    "cites": ("cites: [focus, structure]", "cites: [structure, focus]", "e.coach"),
    "suggest": ("suggest: [external_coach, peer_mentoring]", "suggest: [peer_mentoring, external_coach]", "e.coach"),
    "derive": ("derive: [broad, structured]", "derive: [structured, broad]", "d.broad"),
    "evidence": ("{coaching: 3, mentoring: 1}", "{mentoring: 1, coaching: 3}", None),
    "one_of": ("one_of: [specific, emerging]", "one_of: [emerging, specific]", "d.structured"),
}


def _version(path: Path, edits: dict) -> Path:
    rules = tiny_copy(path)
    text = (rules / "rules.yaml").read_text()
    for old, new in edits.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (rules / "rules.yaml").write_text(text)
    return rules


@pytest.mark.parametrize("what", sorted(REORDERED))
def test_the_order_of_items_counts_only_where_it_is_kept(tmp_path, what):
    base = _version(tmp_path / "base", BASE)
    old, new, modified = REORDERED[what]
    new_version = _version(tmp_path / "new", BASE)
    text = (new_version / "rules.yaml").read_text()
    assert text.count(old) == 1, old
    (new_version / "rules.yaml").write_text(text.replace(old, new))
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"needs": ["skill"], "goal": "specific"}) + "\n")
    with Engine.load(base) as before, Engine.load(new_version) as after:
        changes = compare(before, after, corpus).rule_changes(before.ruleset.rules, after.ruleset.rules)
    assert [(c["rule"], c["status"]) for c in changes] == ([(modified, "modified")] if modified else [])


def test_moving_a_rule_to_another_file_is_no_change(tmp_path):
    base = tiny_copy(tmp_path / "base")
    new = tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    start, end = text.index("  - id: r.training"), len(text)
    (new / "rules.yaml").write_text(text[:start])
    (new / "moved.yaml").write_text("rules:\n" + text[start:end])
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"needs": ["basics"]}) + "\n")
    with Engine.load(base) as before, Engine.load(new) as after:
        assert compare(before, after, corpus).rule_changes(before.ruleset.rules, after.ruleset.rules) == []


def test_authoring_md_says_reordering_a_list_is_a_modification():
    text = " ".join((ROOT / "docs" / "authoring.md").read_text().split())
    assert "reordering the items of a list (the conditions of an `all` or `any`, `cites`, `suggest`, " \
           "`derive`, the values of `one_of`) is a modification, reordering a mapping's keys (`evidence`) " \
           "is not" in text
