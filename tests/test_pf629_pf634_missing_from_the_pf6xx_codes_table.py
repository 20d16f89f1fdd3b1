"""docs/audit.md's "Error codes (PF6xx)" table lists the command line's and the audit's codes, and
docs/authoring.md's tables the lint and rule-test codes; engine/errors.py is the registry. PF629
(`init` refuses a target that is not an empty directory) and PF634 (`rules list` names a fact,
outcome or section the rule set does not have) were in the registry and raised, but missing from
the PF6xx table, where a reader looking a code up goes. Every code of those families in the
registry now has its row (PF906, which the service no longer gives, is in serve.md's text)."""
from __future__ import annotations

import re

import pytest

from pathfit.engine.errors import CODES

from .helpers import ROOT


def _rows(doc: str, heading: str) -> set[str]:
    """The codes in the first column of the tables under `heading` (up to the next heading)."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else None]
    return {c for row in re.findall(r"^\| *`?(PF[0-9/PF]+)`? *\|", section, re.M) for c in row.split("/")}


@pytest.mark.parametrize("family,doc,heading", [
    ("PF6", "audit.md", "## Error codes (PF6xx)"),
    ("PF7", "authoring.md", "## `pathfit lint`"),
    ("PF8", "authoring.md", "## `pathfit test`"),
])
def test_every_code_of_the_family_has_a_row_in_its_table(family: str, doc: str, heading: str):
    registered = {code for code in CODES if code.startswith(family)}
    listed = _rows(doc, heading)
    assert registered - listed == set(), sorted(registered - listed)
    assert listed - set(CODES) == set(), sorted(listed - set(CODES))  # no row for a code pathfit does not have
