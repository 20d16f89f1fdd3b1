"""docs/authoring.md ("A rule set with validation errors") names the checks lint still runs on a
rule set with errors and those it skips and lists. It left out the knowledge-base heading check
(PF717), which lint skips while any rule has an error (it says so in its "Not checked" list),
and the unread-file (PF718), unlabelled-value (PF408) and search-stopped (PF719) checks, which
still run: a reader expected PF717's warning beside a broken rule and got none. Both lists are now
read from the registry's scopes here, so a check added or moved is named where it runs."""
from __future__ import annotations

import re
from pathlib import Path

from pathfit.engine.authoring.lint.registry import CHECKS, PARSED, VALID

ROOT = Path(__file__).resolve().parents[1]


def _codes(text: str) -> set[str]:
    """Every code the text names, a span `PF701-PF703` as each code in it."""
    found = set()
    for first, last in re.findall(r"PF(\d{3})(?:-PF(\d{3}))?", text):
        found.update(f"PF{n:03d}" for n in range(int(first), int(last or first) + 1))
    return found


def _paragraph() -> str:
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    return text.split("**A rule set with validation errors** is still linted:", 1)[1].split("Capacity is skipped too", 1)[0]


def test_the_checks_said_to_run_on_a_rule_set_with_errors_are_the_parsed_ones() -> None:
    running = _paragraph().split("and the\nrules that validate are compiled", 1)[0]
    assert _codes(running) == {code for c in CHECKS if c.scope == PARSED for code in c.codes}


def test_the_checks_said_to_be_skipped_are_the_ones_needing_a_valid_rule_set() -> None:
    skipped = _paragraph().split("The checks over the whole graph", 1)[1].split("are skipped and listed", 1)[0]
    assert _codes(skipped) == {code for c in CHECKS if c.scope == VALID for code in c.codes}
