"""engine/safe_text.py skips text with nothing to escape (str.isprintable) and compiles its
expressions on first use; the expressions as first written, applied to everything, are the
reference it must agree with, character for character."""
from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from pathfit.engine.safe_text import escape_controls, has_controls, one_line

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SGR = re.compile("\x1b\\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    char = match.group()
    return char if len(char) > 1 else f"\\u{ord(char):04x}"


# every boundary of the escaped ranges, colour sequences whole and broken, and ordinary text
PIECES = st.sampled_from(["a", "é", " ", "\t", "\n", "\x00", "\x08", "\x09", "\x0a", "\x0b", "\x1b", "\x1f", "\x20",
                          "\x7e", "\x7f", "\x9f", "\xa0", "\u2029", "\u202a", "\u202e", "\u202f", "\u2065",
                          "\u2066", "\u2069", "\u206a", "[", "m", "1", ";", "٣", "\x1b[1m", "\x1b[0m", "\x1b[31;1m",
                          "\x1b[m", "\x1b[1", "\x1b[1x", "\x1b]0;title\x07", "\ud7ff", "\U0001f600"])
TEXT = st.one_of(st.lists(PIECES, max_size=30).map("".join), st.text(max_size=30))


@settings(max_examples=200, deadline=None)
@given(TEXT)
@example("\x1b[1mRecommendation:\x1b[0m coaching\x1b[2J\r\n\u202eevil")
def test_escape_controls_agrees_with_the_regular_expressions(text):
    assert escape_controls(text) == _CONTROL.sub(_escape, text)
    assert escape_controls(text, keep_colour=True) == _SGR.sub(_escape, text)
    found = _CONTROL.search(text)
    got = has_controls(text)
    assert (got.group(), got.start()) == (found.group(), found.start()) if found else got is None


_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=200, deadline=None)
@given(TEXT)
@example("x)\nfile:9:9: PF000: forged\r\tmore")
def test_one_line_escapes_every_control_newlines_and_tabs_included(text):
    shown = one_line(text)
    assert shown == _LINE.sub(_escape, text)
    assert not any(c in shown for c in "\n\r\t")
