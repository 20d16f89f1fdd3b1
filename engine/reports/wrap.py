"""Wrapping prose for a terminal, one way everywhere.

Identifiers and citations (`kb#mentoring-functions`, `mentoring.career_focus`)
are read, searched for and pasted back into commands, so a line is never broken
inside one: no break at a hyphen, and a word longer than the line stays whole
(that line runs over rather than split a name).

This is textwrap.wrap with break_on_hyphens=False and break_long_words=False,
step for step (tests/test_wrap.py checks it against textwrap itself): with
those two options textwrap's work is a split at whitespace and one greedy loop,
and importing textwrap (which compiles its word-splitting expressions) cost
0.6 ms of every `pathfit recommend`."""
from __future__ import annotations

import re

_SPACES = re.compile(r"( +)")
_TO_SPACE = {ord(c): " " for c in "\t\n\x0b\x0c\r "}  # textwrap's whitespace, made spaces


def wrap(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """textwrap.wrap(text, width, initial_indent=..., subsequent_indent=..., break_on_hyphens=False,
    break_long_words=False): breaks at spaces only."""
    if width <= 0:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    chunks = [c for c in _SPACES.split(text.expandtabs().translate(_TO_SPACE)) if c]
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        indent = subsequent_indent if lines else initial_indent
        room = width - len(indent)
        if chunks[-1].strip() == "" and lines:  # no line starts with the space a break fell on
            del chunks[-1]
        line: list[str] = []
        used = 0
        while chunks and used + len(chunks[-1]) <= room:
            used += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > room and not line:
            line.append(chunks.pop())  # a word longer than the line goes on a line of its own, whole
        if line and line[-1].strip() == "":
            del line[-1]
        if line:
            lines.append(indent + "".join(line))
    return lines


def fill(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> str:
    return "\n".join(wrap(text, width, initial_indent, subsequent_indent))
