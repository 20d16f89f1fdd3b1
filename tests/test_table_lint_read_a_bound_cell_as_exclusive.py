"""Lint judges a table's `lte` and `gte` cells as the engine does, bound included: two rows of a
unique table that meet only at the bound (hours 8 and under, hours 8 and over) overlap there,
PF228 with hours=8 as the example; a complete table split at the bound (8 and under, over 8)
has no gap, no PF230. The lint cases had no cell of either test, so reading `lte` as `lt`
(or `gte` as `gt`) went unseen."""
from __future__ import annotations

from pathlib import Path

import pytest

from .test_lint import build, lint

HEAD = ("tables:\n  - id: t\n    hit: {hit}\n{complete}    reason: r\n    cites: [focus]\n"
        "    inputs: [{{fact: hours, test: {first}}}, {{fact: hours, test: {second}}}]\n    rows:\n")


def _table(hit: str, first: str, second: str, rows: list[str], complete: bool = False) -> dict:
    text = HEAD.format(hit=hit, complete="    complete: true\n" if complete else "", first=first, second=second)
    return {"files": {"table.yaml": text + "".join(f"      - {r}\n" for r in rows)}}


def test_rows_meeting_only_at_an_lte_and_a_gte_bound_overlap_there(tmp_path: Path):
    case = _table("unique", "lte", "gte", ['{id: few, when: [8, "-"], then: {evidence: {mentoring: 1}}}',
                                           '{id: many, when: ["-", 8], then: {evidence: {coaching: 1}}}'])
    found = [p for p in lint(build(case, tmp_path)).problems if p.code == "PF228"]
    assert [(p.pos.line, p.pos.col) for p in found] == [(9, 9)], found
    assert "hours=8" in found[0].message, found[0].message


@pytest.mark.parametrize("first, second", [("lte", "gt"), ("lt", "gte")])
def test_a_complete_table_split_at_a_bound_has_no_gap(tmp_path: Path, first: str, second: str):
    case = _table("unique", first, second, ['{id: few, when: [8, "-"], then: {evidence: {mentoring: 1}}}',
                                            '{id: many, when: ["-", 8], then: {evidence: {coaching: 1}}}'],
                  complete=True)
    codes = [p.code for p in lint(build(case, tmp_path)).problems]
    assert "PF230" not in codes and "PF228" not in codes, codes
