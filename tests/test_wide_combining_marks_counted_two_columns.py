"""A combining mark takes no column and is never parted from the character before it, even where
Unicode calls it East Asian wide: the kana's voiced sound marks (U+3099, U+309A), with which
decomposed Japanese writes が as か and a mark, and the ideographic tone marks (U+302A-U+302D).

Regression: the width table counted those marks two columns (they were in both its wide and its
zero-width runs, and the wide run won), so decomposed Japanese was measured a third wider than
it is, and a line could break between a kana and its voiced sound mark, starting the next line
with the mark alone."""
from __future__ import annotations

import unicodedata

import pytest

from pathfit.engine.reports.wide_text import columns
from pathfit.engine.reports.width_table import WIDE, ZERO
from pathfit.engine.reports.wrap import wrap

COMPOSED = "ガイドラインがございます。ご自分のペースで学びたいですか？" * 2
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)
WIDE_MARKS = "\u3099\u309a\u302a\u302b\u302c\u302d"


def test_a_wide_combining_mark_takes_no_column():
    assert all(unicodedata.combining(mark) and unicodedata.east_asian_width(mark) == "W" for mark in WIDE_MARKS)
    assert [columns("か" + mark) for mark in WIDE_MARKS] == [2] * len(WIDE_MARKS)
    assert DECOMPOSED != COMPOSED and columns(DECOMPOSED) == columns(COMPOSED) == 2 * len(COMPOSED)


@pytest.mark.parametrize("width", [6, 7, 8, 11, 20, 33])
def test_decomposed_japanese_wraps_as_composed_and_never_starts_a_line_with_a_mark(width):
    lines = wrap(DECOMPOSED, width)
    assert not any(unicodedata.combining(line[0]) for line in lines), lines
    assert [unicodedata.normalize("NFC", line) for line in lines] == wrap(COMPOSED, width)
    assert "".join(lines) == DECOMPOSED  # nothing lost, nothing added


def test_no_character_is_both_wide_and_of_no_width_in_the_table():
    wide = [(first, last) for first, last in WIDE]
    overlaps = [(z, w) for z in ZERO for w in wide if z[0] <= w[1] and w[0] <= z[1]]
    assert overlaps == []
