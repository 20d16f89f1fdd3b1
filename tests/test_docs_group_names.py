"""`pathfit docs` lists each rule once, under its own effect, even when an evidence
outcome is named like one of the catalogue's fixed headings (`formats`, `judgement`)
or the old several-outcomes key (`blend`)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from pathfit.engine.authoring.catalogue import render
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import tiny_copy

POLICY = """outcomes:
  - {name: blend, label: Blend}
  - {name: formats, label: Formats}
  - {name: judgement, label: Judgement}
  - {name: none, label: None}
evidence_outcomes: [blend, formats, judgement]
referrals: []
formats:
  external_coach: {for: [blend]}
decision:
  - {outcome: blend, when: {leads: blend}, confidence: share}
  - {outcome: formats, when: {leads: formats}, confidence: share}
  - {outcome: judgement, when: {leads: judgement}, confidence: share}
  - {outcome: none, when: {}, confidence: balance}
"""


def _rule(rule_id: str, then: dict, when: dict | None = None) -> dict:
    return {"id": rule_id, "reason": "r", "cites": ["focus"],
            "when": when or {"fact": "goal", "equals": "specific"}, "then": then}


RULES = [
    _rule("g.blend", {"evidence": {"blend": 1}}),
    _rule("g.formats", {"evidence": {"formats": 1}}),
    _rule("g.judgement", {"evidence": {"judgement": 1}}),
    _rule("g.two", {"evidence": {"blend": 1, "formats": 1}}),
    _rule("g.fmt", {"suggest": ["external_coach"]}),
    _rule("g.derive", {"derive": ["structured"]}),
    _rule("g.use", {"evidence": {"judgement": 1}}, {"fact": "broad", "equals": True}),
    _rule("g.broad", {"derive": ["broad"]}),
]


def test_each_rule_once_under_its_own_heading(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    for old in rules.glob("rules.yaml"):
        old.unlink()
    (rules / "policy.yaml").write_text(POLICY)
    (rules / "extra.yaml").write_text(yaml.safe_dump({"rules": RULES}, sort_keys=False))
    text = render(read_ruleset(rules), "kb.md")
    body = text.split("## Dependency graph", 1)[0]
    listed = re.findall(r"^### `([^`]+)`$", body, re.M)
    assert sorted(listed) == sorted(r["id"] for r in RULES)
    under = {}
    for section in re.split(r"^## ", body, flags=re.M)[1:]:
        title, rest = section.split("\n", 1)
        under.update({rid: title for rid in re.findall(r"^### `([^`]+)`$", rest, re.M)})
    assert under == {
        "g.blend": "Evidence for blend", "g.formats": "Evidence for formats",
        "g.judgement": "Evidence for judgement", "g.use": "Evidence for judgement",
        "g.two": "Evidence for several outcomes", "g.fmt": "Formats",
        "g.derive": "Intermediate judgements", "g.broad": "Intermediate judgements",
    }
    contents = re.findall(r"^- \[([^\]]+)\]\(#[^)]+\)(?: \((\d+)\))?$", text, re.M)
    assert ("Evidence for judgement", "2") in contents and ("Formats", "1") in contents
