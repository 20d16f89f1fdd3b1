"""A number written in quotes (`coaching: "2"`, `gte: "4"`, `min: "0"`) is text to YAML, and
validation refuses it (PF203, at the value) as before; the message now says what to write:
the same number without quotes. Text that is no number (`two`) gets no such hint."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"

EDITS = [  # (file, text as written, text with the mistake, the quoted value, words of the message)
    ("rules.yaml", "then: {evidence: {coaching: 3}, suggest", 'then: {evidence: {coaching: "3"}, suggest', '"3"',
     "evidence weight must be a number, not text ('3'): write 3 without quotes"),
    ("rules.yaml", "{fact: hours, gte: 4}", '{fact: hours, gte: "4.5"}', '"4.5"',
     "hours threshold must be a number, not text ('4.5'): write 4.5 without quotes"),
    ("schema.yaml", "    min: 0\n    max: 160", '    min: "0"\n    max: 160', '"0"',
     "min must be a number, not text ('0'): write 0 without quotes"),
    ("policy.yaml", "{total_below: 2}", "{total_below: '2'}", "'2'",
     "total_below must be a number, not text ('2'): write 2 without quotes"),
]


def _where(path: Path, quoted: str) -> tuple[int, int]:
    """Line and column (1-based) of the only place `quoted` is written in the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [(n, line.index(quoted) + 1) for n, line in enumerate(lines, 1) if quoted in line]
    assert len(hits) == 1, hits
    return hits[0]


def _lint_with(tmp: Path, name: str, old: str, new: str) -> tuple[list, Path]:
    rules = tmp / "rules"
    shutil.copytree(BASE, rules)
    path = rules / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p for p in lint(rules).problems if p.severity == "error"], path


@pytest.mark.parametrize("name, old, new, quoted, words", EDITS, ids=[e[0] + ":" + e[3] for e in EDITS])
def test_a_number_in_quotes_is_pf203_saying_to_write_it_without_quotes(
        tmp_path: Path, name: str, old: str, new: str, quoted: str, words: str) -> None:
    found, path = _lint_with(tmp_path, name, old, new)
    line, col = _where(path, quoted)
    assert [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in found] == [("PF203", name, line, col)], \
        "\n".join(p.format() for p in found)
    assert found[0].message == words


def test_text_that_is_no_number_gets_no_hint(tmp_path: Path) -> None:
    found, _ = _lint_with(tmp_path, "policy.yaml", "{total_below: 2}", "{total_below: two}")
    assert [(p.code, p.message) for p in found] == [("PF203", "total_below must be a number, not text")]
