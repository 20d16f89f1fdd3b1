"""Lint the knowledge base against the rules: sections that no rule cites, and headings
whose anchor is written so that they are no section at all.

Runs only on a rule set that validates: a rule with an error is missing from the
set, and the section it cites would look uncited.
"""
from __future__ import annotations

from pathlib import Path

from ...errors import Collector
from .check import VALID, Check, Context
from ...pipeline.knowledge_base import parse_sections
from ...pipeline.model import Rule
from ...quote import quote


def check_citations(rules: list[Rule], sections: dict, out: Collector) -> None:
    """Knowledge-base sections no rule cites (PF710); dangling citations are PF207 already."""
    cited = {c for rule in rules for c in rule.cites}
    for anchor, (title, pos) in sections.items():
        if anchor not in cited:
            out.add("PF710", f"knowledge-base section {quote(anchor)} ({title}) is cited by no rule", pos, "warning")


def _uncited_sections(ctx: Context, out: Collector) -> None:
    kb = Path(ctx.ruleset.knowledge_base)
    check_citations(ctx.rules, parse_sections(kb, str(kb), Collector()), out)


def _unanchored_headings(ctx: Context, out: Collector) -> None:
    """A heading that seems to carry an anchor (`<a id="x">` left open, `<a id='x'></a>`, text
    after the anchor) is no section: no rule can cite it, and PF710 cannot name it either, so
    without this the author's section would be missing without a word."""
    kb = Path(ctx.ruleset.knowledge_base)
    for anchor, pos in parse_sections(kb, str(kb), Collector()).near.items():
        out.add("PF717", f"heading with anchor {quote(anchor)} is no section: a section's heading ends in "
                f"`<a id=\"{anchor}\"></a>`", pos, "warning")


CHECKS = (Check("uncited-sections", {"PF710": "warning"}, "knowledge-base sections no rule cites",
                VALID, _uncited_sections),
          Check("unanchored-headings", {"PF717": "warning"}, "knowledge-base headings whose anchor makes no section",
                VALID, _unanchored_headings))
