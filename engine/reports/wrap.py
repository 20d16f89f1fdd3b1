"""Wrapping prose for a terminal, one way everywhere.

Identifiers and citations (`kb#mentoring-functions`, `mentoring.career_focus`)
are read, searched for and pasted back into commands, so a line is never broken
inside one: no break at a hyphen, and a word longer than the line stays whole
(that line runs over rather than split a name)."""
from __future__ import annotations

import textwrap


def wrap(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """textwrap.wrap that breaks at spaces only."""
    return textwrap.wrap(text, width, initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                         break_on_hyphens=False, break_long_words=False)


def fill(text: str, width: int = 80, initial_indent: str = "", subsequent_indent: str = "") -> str:
    return "\n".join(wrap(text, width, initial_indent, subsequent_indent))
