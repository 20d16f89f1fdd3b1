"""Regression tests for the whole-set checks' positions, each named for the bug it pins:
a duplicate id (PF206) and a cycle among derived facts (PF208, PF209) were reported at
the start of the rule (the `- id:` line's mapping), not at the token at fault."""
from __future__ import annotations

from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import tiny_copy


def _problems(tmp: Path, text: str, name: str = "bad.yaml", rules: Path | None = None) -> list[tuple]:
    """Every problem loading tiny plus `text` as rules/`name` (files are read in name order)."""
    rules = rules or tiny_copy(tmp)
    (rules / name).write_text(text)
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col, p.message) for p in info.value.problems]


def test_duplicate_rule_id_was_reported_at_the_rule_start_not_at_the_id(tmp_path: Path) -> None:
    problems = _problems(tmp_path, (
        "rules:\n"
        "  - reason: r\n"
        "    cites: [focus]\n"
        "    id: e.coach\n"
        "    when: {fact: ready, equals: true}\n"
        "    then: {evidence: {coaching: 1}}\n"), "z.yaml")
    assert [p[:4] for p in problems] == [("PF206", "z.yaml", 4, 9)]
    # the first one is named to its column: tiny's rules.yaml, line 12, `- id: e.coach`
    assert problems[0][4].endswith("rules.yaml:12:9")


def test_duplicate_id_from_a_table_row_without_an_id_points_at_the_row(tmp_path: Path) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "a.yaml").write_text(
        "rules:\n"
        "  - id: t.1\n"
        "    reason: r\n"
        "    cites: [focus]\n"
        "    when: {fact: ready, equals: true}\n"
        "    then: {evidence: {coaching: 1}}\n")
    problems = _problems(tmp_path, (
        "tables:\n"
        "  - id: t\n"
        "    hit: collect\n"
        "    reason: r\n"
        "    cites: [focus]\n"
        "    inputs: [{fact: ready}]\n"
        "    rows:\n"
        "      - {when: [true], then: {evidence: {coaching: 1}}}\n"), rules=rules)
    assert [p[:4] for p in problems] == [("PF206", "bad.yaml", 8, 9)]
    assert problems[0][4].endswith("a.yaml:2:9")


def test_cycle_was_reported_at_the_rule_start_not_at_the_condition_that_closes_it(tmp_path: Path) -> None:
    problems = _problems(tmp_path, (
        "rules:\n"
        "  - id: x.a\n"
        "    reason: r\n"
        "    cites: [focus]\n"
        "    when:\n"
        "      all:\n"
        "        - {fact: ready, equals: true}\n"
        "        - {fact: structured, equals: true}\n"
        "    then:\n"
        "      derive: [structured, broad]\n"
        "  - id: x.b\n"
        "    reason: r\n"
        "    cites: [focus]\n"
        "    when: {fact: broad, equals: true}\n"
        "    then: {derive: [structured]}\n"))
    codes = [p[:4] for p in problems]
    # x.a reads structured (line 8) and derives it (line 10, col 15) and broad (col 27); the
    # self-loop on structured and the structured <- broad loop are two cycles, both closed in x.a
    assert codes == [("PF209", "bad.yaml", 8, 11), ("PF209", "bad.yaml", 8, 11)]
    messages = sorted(p[4] for p in problems)
    assert messages[0].endswith("x.a reads structured here and derives broad at line 10:28")
    assert messages[1].endswith("x.a reads structured here and derives structured at line 10:16")


def test_cycle_through_negation_points_at_the_negated_condition(tmp_path: Path) -> None:
    problems = _problems(tmp_path, (
        "rules:\n"
        "  - id: x.a\n"
        "    reason: r\n"
        "    cites: [focus]\n"
        "    when: {fact: structured, equals: true}\n"
        "    then: {derive: {broad: true}}\n"
        "  - id: x.b\n"
        "    reason: r\n"
        "    cites: [focus]\n"
        "    when: {not: {fact: broad, equals: true}}\n"
        "    then: {derive: [structured]}\n"))
    assert [p[:4] for p in problems] == [("PF208", "bad.yaml", 10, 17)]
    assert problems[0][4].endswith("x.b reads broad here and derives structured at line 11:21")
