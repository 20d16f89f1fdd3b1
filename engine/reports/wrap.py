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
none of this: it is wrapped as textwrap wraps it, without loading the table."""
from __future__ import annotations

import re

_SPACES = re.compile(r"( +)")
_TO_SPACE = {ord(c): " " for c in "\t\n\x0b\x0c\r "}  # textwrap's whitespace, made spaces
# no line starts with these (they close or end what is before them) or ends with those
_NO_START = frozenset(")]}>.,:;!?%'\"、。，．・：；？！）］｝〕〉》」』】〙〗〟’”ー々〻…‥〜ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ\u3000")
_NO_END = frozenset("([{<（［｛〔〈《「『【〘〖〝‘“\u3000")
_TABLE: list = []


def columns(text: str) -> int:
    """The terminal columns `text` takes: two for a wide character, none for a combining
    mark, one for any other."""
    if text.isascii():
        return len(text)
    return sum(map(_width, text))


def _width(char: str) -> int:
    if not _TABLE:  # loaded here, with bisect: ASCII text, all most rule sets hold, needs neither
        from bisect import bisect_right

        from .width_table import WIDE, ZERO
        runs = sorted([(first, last, 2) for first, last in WIDE] + [(first, last, 0) for first, last in ZERO])
        _TABLE.extend(([first for first, _, _ in runs], runs, bisect_right))
    starts, runs, bisect_right = _TABLE
    code = ord(char)
    at = bisect_right(starts, code) - 1
    return runs[at][2] if at >= 0 and code <= runs[at][1] else 1


def _expanded(text: str) -> str:
    """str.expandtabs (tab stops every 8 columns, each line counted from its start), in columns."""
    if text.isascii() or "\t" not in text:
        return text.expandtabs()
    out, at = [], 0
    for char in text:
        if char == "\t":
            out.append(" " * (8 - at % 8))
            at += 8 - at % 8
        else:
            out.append(char)
            at = 0 if char in "\n\r" else at + _width(char)
    return "".join(out)


def _pieces(chunk: str) -> list[str]:
    """`chunk` (a word, or the spaces between words) cut where a line may break inside it."""
    if chunk.isascii():
        return [chunk]
    out, start = [], 0
    widths = [_width(c) for c in chunk]
    for i in range(1, len(chunk)):
        if (2 in (widths[i - 1], widths[i]) and widths[i] != 0
                and chunk[i] not in _NO_START and chunk[i - 1] not in _NO_END):
            out.append(chunk[start:i])
            start = i
    out.append(chunk[start:])
    return out


def wrap(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """textwrap.wrap(text, width, initial_indent=..., subsequent_indent=..., break_on_hyphens=False,
    break_long_words=False), `width` in terminal columns: breaks at spaces, and in text with no
    spaces beside a wide character."""
    if width <= 0:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    chunks = [p for c in _SPACES.split(_expanded(text).translate(_TO_SPACE)) if c for p in _pieces(c)]
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        indent = subsequent_indent if lines else initial_indent
        room = width - columns(indent)
        if chunks[-1].strip() == "" and lines:  # no line starts with the space a break fell on
            del chunks[-1]
        line: list[str] = []
        used = 0
        while chunks and used + columns(chunks[-1]) <= room:
            used += columns(chunks[-1])
            line.append(chunks.pop())
        if chunks and columns(chunks[-1]) > room and not line:
            line.append(chunks.pop())  # a word longer than the line goes on a line of its own, whole
        if line and line[-1].strip() == "":
            del line[-1]
        if line:
            lines.append(indent + "".join(line))
    return lines


def fill(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> str:
    return "\n".join(wrap(text, width, initial_indent, subsequent_indent))
