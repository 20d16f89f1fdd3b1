"""Wrapping prose for a terminal, one way everywhere.

Identifiers and citations (`kb#mentoring-functions`, `mentoring.career_focus`)
are read, searched for and pasted back into commands, so a line is never broken
inside one: no break at a hyphen, and a word longer than the line stays whole
(that line runs over rather than split a name).

This is textwrap.wrap with break_on_hyphens=False and break_long_words=False,
step for step (tests/test_wrap.py checks it against textwrap itself): with
those two options textwrap's work is a split at whitespace and one greedy loop,
and importing textwrap (which compiles its word-splitting expressions) cost
0.6 ms of every `pathfit recommend`.

A line's room is counted in terminal columns, not characters: a CJK character or an emoji
takes two, a combining accent none (the fixed table engine/reports/width_table.py, the same
on every Python). Text with no spaces, as Japanese and Chinese are written, may break
between two characters where one of them is wide, never before a combining mark, before
closing punctuation (`。`, `」`, `)`) or after opening punctuation (`「`, `(`), so a word
of a script written with spaces, and so every identifier, stays whole. ASCII text takes
none of this: it is wrapped as textwrap wraps it, and engine/reports/wide_text.py, which
counts columns, is loaded only for text that is not ASCII."""
from __future__ import annotations

import re

_SPACES = re.compile(r"( +)")
_TO_SPACE = {ord(c): " " for c in "\t\n\x0b\x0c\r "}  # textwrap's whitespace, made spaces


def wrap(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """textwrap.wrap(text, width, initial_indent=..., subsequent_indent=..., break_on_hyphens=False,
    break_long_words=False), `width` in terminal columns: breaks at spaces, and in text with no
    spaces beside a wide character."""
    if width <= 0:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    if text.isascii() and initial_indent.isascii() and subsequent_indent.isascii():
        measure = len  # a character a column: textwrap's own count, and no call of ours per word
        chunks = [c for c in _SPACES.split(text.expandtabs().translate(_TO_SPACE)) if c]
    else:
        from .wide_text import columns, expanded, pieces

        measure = columns
        chunks = [p for c in _SPACES.split(expanded(text).translate(_TO_SPACE)) if c for p in pieces(c)]
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        indent = subsequent_indent if lines else initial_indent
        room = width - measure(indent)
        if chunks[-1].strip() == "" and lines:  # no line starts with the space a break fell on
            del chunks[-1]
        line: list[str] = []
        used = 0
        while chunks and used + measure(chunks[-1]) <= room:
            used += measure(chunks[-1])
            line.append(chunks.pop())
        if chunks and measure(chunks[-1]) > room and not line:
            line.append(chunks.pop())  # a word longer than the line goes on a line of its own, whole
        if line and line[-1].strip() == "":
            del line[-1]
        if line:
            lines.append(indent + "".join(line))
    return lines


def fill(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> str:
    return "\n".join(wrap(text, width, initial_indent, subsequent_indent))
