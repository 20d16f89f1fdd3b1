"""Regression: `audit show LOG`'s listing measured its cells in characters, not terminal columns.
A record whose outcome or rule-set name is written in Japanese or Chinese (two columns a
character) pushed every later column of its row out of line with the header and the other rows,
and the listing chose the form of the table that fit the terminal by counting characters: a
table 114 columns wide was printed at 105. Cells are now measured in terminal columns, as the
text pathfit wraps is (README, Guarantees: width is counted in terminal columns)."""
from __future__ import annotations

import unicodedata

import pytest

from pathfit.cli.audit_show import listing
from pathfit.engine.audit.read import Item
from pathfit.engine.errors import Pos

RECORDS = [  # (outcome, rule set name): the wide text in a column of its own, then in the last
    ("coaching", "pathfit-default"),
    ("メンタリング", "pathfit-default"),
    ("coaching", "コーチング規則集"),
    ("mentoring", "re\u0301gles"),  # a combining accent: no column of its own
]


def _columns(text: str) -> int:
    """The reference: a terminal's columns by this Python's own Unicode database (every
    character used here is decades old, the same in every version)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _items() -> list[Item]:
    items = []
    for n, (outcome, name) in enumerate(RECORDS, 1):
        record = {"id": f"{n}f1c2a90-aaaa-bbbb-cccc-0123456789ab", "timestamp": "2026-12-05T10:00:00.000000Z",
                  "decision": {"recommendation": outcome, "confidence": 0.5, "settled": False},
                  "ruleset": {"name": name, "digest": "abcdef0123456789"}}
        items.append(Item(Pos("audit.jsonl", n), record, {"seq": n}))
    return items


def _starts(line: str, cells: list[str]) -> list[int]:
    """The terminal column each of `cells` starts at in `line`, found left to right."""
    at, out = 0, []
    for cell in cells:
        at = line.index(cell, at)
        out.append(_columns(line[:at]))
        at += len(cell)
    return out


@pytest.mark.parametrize("width", [200, 114, 105, 80, 60])
def test_a_listing_with_wide_characters_fits_the_width_in_terminal_columns(width):
    lines = listing(_items(), width).splitlines()
    assert len(lines) == 1 + len(RECORDS)
    assert max(map(_columns, lines)) <= width, "\n".join(lines)


def test_the_full_table_is_shown_only_where_its_columns_fit():
    full_width = max(map(_columns, listing(_items(), 1000).splitlines()))
    assert full_width == 114  # the reference: the widest row, "コーチング規則集 abcdef012345" last
    assert "abcdef012345" in listing(_items(), 114)
    assert "abcdef012345" not in listing(_items(), 113)


@pytest.mark.parametrize("width", [200, 80])
def test_every_row_lines_up_with_the_header_in_terminal_columns(width):
    head, *rows = listing(_items(), width).splitlines()
    heads = ["seq", "decided (UTC)", "id", "outcome", "conf", "rules"]
    where = _starts(head, heads)
    for row, (outcome, name) in zip(rows, RECORDS):
        cells = row.split()
        assert _starts(row, [cells[0], cells[1]]) == where[:2]
        assert _starts(row, [outcome, "prov.", name]) == where[3:], "\n".join([head, *rows])
