"""docs/rule-review.md is the reviewer's table of every rule, its claim, the
sections it cites and their sources; it must match the bundled rules."""
from __future__ import annotations

import re
from pathlib import Path

from pathfit.engine import Engine
from tools import rule_review

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rule-review.md"


def _rows() -> dict[str, tuple[str, list[str], str]]:
    """Parse the committed table independently of the tool: rule -> (claim, sections, sources)."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([a-z0-9_.]+)` \| (.*) \| ([a-z0-9, -]+) \| (.*) \|$", line)
        if m:
            rows[m.group(1)] = (m.group(2), [c.strip() for c in m.group(3).split(",")], m.group(4))
    return rows


def test_every_rule_appears_with_its_claim_and_cited_sections():
    rows = _rows()
    with Engine.load() as engine:
        rs = engine.ruleset
        assert set(rows) == {r.id for r in rs.rules}
        for rule in rs.rules:
            claim, sections, sources = rows[rule.id]
            assert claim == rule.reason.replace("|", "\\|"), rule.id
            assert sections == list(rule.cites), rule.id
            assert set(sections) <= set(rs.sections), (rule.id, set(sections) - set(rs.sections))
            assert sources, f"{rule.id}: no source behind the sections it cites"


def test_committed_table_is_what_the_tool_writes():
    with Engine.load() as engine:
        assert DOC.read_text(encoding="utf-8") == rule_review.render(engine.ruleset), \
            "docs/rule-review.md is stale: run python -m tools.rule_review"
