"""docs/decision.md said, of the answers `settled` does not weigh (two values for a valued
derived fact, PF231), that `pathfit lint` reports every pair of rules that can give them, "so
on a rule set that lints clean no answer can". Lint's PF232 search gives up past a step limit
(docs/authoring.md, tests/test_value_conflicts_brute_force.py allows exactly those misses), so
a rule set can lint clean and still hold such an answer. The section now names the limit,
the search's own figure, as authoring.md's PF232 row does."""
from __future__ import annotations

from pathlib import Path

from pathfit.engine.authoring.lint import witness

DOC = Path(__file__).parents[1] / "docs" / "decision.md"


def test_the_settled_section_names_where_lint_stops_looking() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Settled or provisional", 1)[1].split("\n## ", 1)[0]
    assert "PF232" in section
    assert f"after {witness.MAX_STEPS:,} steps" in section
