"""engine/reports/wrap.py is textwrap.wrap(break_on_hyphens=False, break_long_words=False)
written out, counting terminal columns; textwrap itself is the reference it must agree with,
line for line."""
from __future__ import annotations

import textwrap

from hypothesis import example, given, settings, strategies as st

from pathfit.engine.reports.wrap import fill, wrap

# words with hyphens, '#', '.', and the whitespace textwrap treats specially (tabs, newlines,
# \x0b, \x0c, \r) and some it does not (no-break and ideographic spaces)
PIECES = st.sampled_from(list("ab-#.Zé") + ["\t", "\n", "\x0b", "\x0c", "\r", " ", "  ", "\u00a0", "\u3000",
                                          "kb#mentoring-functions"])
TEXT = st.lists(PIECES, max_size=40).map("".join)
INDENT = st.sampled_from(["", "  ", "  - ", "    ", "  ? ", "\t"])


def _reference(text: str, width: int, initial: str, subsequent: str) -> list[str]:
    """textwrap's lines, with the ideographic space (the one character here a terminal gives
    two columns, and no line breaks beside) counted as the two columns it takes."""
    two = "\u3000\u2002"  # the en space: one more column, and to textwrap as U+3000 is (no break, stripped)
    lines = textwrap.wrap(text.replace("\u3000", two), width, initial_indent=initial, subsequent_indent=subsequent,
                          break_on_hyphens=False, break_long_words=False)
    return [line.replace(two, "\u3000") for line in lines]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(1, 30), INDENT, INDENT)
@example("Recommendation: coaching (see kb#mentoring-functions and mentoring.career_focus)", 20, "", "  ")
@example(" \u00a0 x", 1, "    ", "")
def test_wrap_agrees_with_textwrap(text, width, initial, subsequent):
    assert wrap(text, width, initial, subsequent) == _reference(text, width, initial, subsequent)
    assert fill(text, width, initial, subsequent) == "\n".join(_reference(text, width, initial, subsequent))


def test_wrap_refuses_a_width_below_one_as_textwrap_does():
    for width in (0, -3):
        try:
            _reference("a b", width, "", "")
        except ValueError as expected:
            message = str(expected)
        try:
            wrap("a b", width)
        except ValueError as got:
            assert str(got) == message
        else:
            raise AssertionError("no error")
