"""Regression: a fact whose declaration was refused in schema.yaml for its shape (its body no
mapping, `structured: yes`), or a `derived` section refused whole (no mapping, or the key
misspelt `derivd:`), had that one mistake said again at every rule that reads or derives the
fact: PF205 "unknown fact 'structured'", "cannot derive 'broad'". The fact is declared, or may
be: the schema's own error is now the one message, as it already was for a fact whose type or
values were refused. A fact that a schema read whole does not declare is still PF205."""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import tiny_edited_problems

STRUCTURED = "  structured:\n    description: wants structure\n"
DERIVED = "derived:\n" + STRUCTURED + "  broad:\n    description: broad development\n"


def _problems(tmp_path: Path, old: str, new: str) -> list:
    return tiny_edited_problems(tmp_path, "schema.yaml", old, new)


@pytest.mark.parametrize("old, new, expected", [
    (STRUCTURED, "  structured: [wants structure]\n", ("PF203", 25, 15)),
    (STRUCTURED, "  structured: yes\n", ("PF203", 25, 15)),
    (DERIVED, "derivd:\n" + DERIVED.split("\n", 1)[1], ("PF202", 24, 1)),
    (DERIVED, "derived: [structured, broad]\n", ("PF203", 24, 10)),
    ("  ready:\n    type: bool\n    question: Ready to change?\n", "  ready: [bool]\n", ("PF203", 17, 10)),
])
def test_a_refused_declaration_is_the_one_error(tmp_path, old, new, expected):
    code, line, col = expected
    assert _problems(tmp_path, old, new) == [(code, "schema.yaml", line, col)]


def test_a_fact_a_schema_read_whole_leaves_out_is_still_unknown(tmp_path):
    problems = _problems(tmp_path, DERIVED, "derived:\n" + STRUCTURED)
    assert problems and {p[:2] for p in problems} == {("PF205", "rules.yaml")}
