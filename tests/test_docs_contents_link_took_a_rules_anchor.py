"""`pathfit docs`: every contents link reaches its own section, even where a rule's heading,
listed before that section, takes the same anchor (a rule `formats` giving evidence comes before
the section Formats). The anchors are worked out here as GitHub gives them, independently of
pathfit: a heading's text lower-cased, every character but letters, digits, spaces, `-` and `_`
dropped, spaces made hyphens, and a heading whose anchor an earlier heading already took given
that anchor followed by -1, -2, ... in order."""
from __future__ import annotations

import re
from pathlib import Path

from pathfit.engine.authoring.catalogue import render
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import tiny_copy


def _github_anchors(markdown: str) -> list[tuple[str, str]]:
    """(heading text, anchor) of every heading outside fenced blocks, in order."""
    out, taken, fenced = [], {}, False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        m = re.match(r"#+ (.*)$", line)
        if fenced or not m:
            continue
        base = "".join(ch for ch in m.group(1).lower() if ch.isalnum() or ch in " -_").replace(" ", "-")
        count = taken.get(base, 0)
        taken[base] = count + 1
        out.append((m.group(1), base if count == 0 else f"{base}-{count}"))
    return out


def _contents_reach_their_sections(text: str) -> dict[str, tuple[str, str]]:
    """{contents title: (the anchor linked, the anchor of the `## title` heading)}."""
    own = {}
    for title, anchor in _github_anchors(text):
        own.setdefault(title, anchor)
    links = re.findall(r"^- \[([^\]]+)\]\(#([^)]+)\)", text, re.M)
    return {title: (linked, own.get(title)) for title, linked in links}


def test_the_formats_link_reaches_the_section_not_a_rule_named_formats(tmp_path: Path):
    rules = tiny_copy(tmp_path, [
        {"id": "formats", "reason": "r", "cites": ["focus"], "when": {"fact": "goal", "equals": "specific"},
         "then": {"evidence": {"coaching": 1}}},
        {"id": "fmt.only", "reason": "r", "cites": ["focus"], "when": {"fact": "goal", "equals": "specific"},
         "then": {"suggest": ["external_coach"]}},
    ])
    text = render(read_ruleset(rules), "kb.md")
    reached = _contents_reach_their_sections(text)
    assert reached["Formats"] == ("formats-1", "formats-1")
    assert all(linked == own for linked, own in reached.values()), reached


def test_every_contents_link_reaches_its_section_when_rules_are_named_like_sections(tmp_path: Path):
    names = ["outcomes", "referrals", "contents", "formats", "dependency.graph", "not_now"]
    extra = [{"id": n, "reason": "r", "cites": ["focus"], "when": {"fact": "goal", "equals": "specific"},
              "then": {"evidence": {"mentoring": 1}}} for n in names]
    extra.append({"id": "refers", "reason": "r", "cites": ["focus"], "when": {"fact": "goal", "equals": "specific"},
                  "then": {"refer": "training"}})
    extra.append({"id": "suggests", "reason": "r", "cites": ["focus"], "when": {"fact": "goal", "equals": "specific"},
                  "then": {"suggest": ["peer_mentoring"]}})
    text = render(read_ruleset(tiny_copy(tmp_path, extra)), "kb.md")
    reached = _contents_reach_their_sections(text)
    assert {"Outcomes", "Referrals", "Formats", "Dependency graph"} <= set(reached)
    assert all(linked == own for linked, own in reached.values()), reached
