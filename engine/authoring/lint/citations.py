"""Lint the knowledge base against the rules: sections that no rule cites.

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


CHECKS = (Check("uncited-sections", {"PF710": "warning"}, "knowledge-base sections no rule cites",
                VALID, _uncited_sections),)
