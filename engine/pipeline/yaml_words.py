"""The words of a YAML syntax error (PF102), asked only once the parser has refused a file:
kept apart from load.py, whose reading every command does."""
from __future__ import annotations

import re

import yaml

from ..errors import Pos


def yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    """The parser's words for a YAML error. A duplicate anchor's are "second occurrence"
    alone (the context, "found duplicate anchor", goes with the first mark, and libyaml
    leaves out the name), so that one is said in full, its name read where it is written."""
    context, mark = exc.context or "", exc.problem_mark
    if context.startswith("found duplicate anchor") and exc.context_mark is not None and mark is not None:
        lines = text.split("\n")
        found = re.match(r"&([^\s,\[\]{}]+)", lines[mark.line][mark.column:]) if mark.line < len(lines) else None
        name = f"&{found.group(1)} " if found else ""
        return (f"the anchor {name}is already defined at line {exc.context_mark.line + 1}: rename or remove one "
                "(pathfit takes no aliases, so an anchor serves nothing)")
    if mark is not None and char_at(text, mark.line, mark.column) == "\t":
        # libyaml says "found character that cannot start any token", naming no character
        return "found a tab where YAML allows none: indent with spaces, never tabs"
    return f"{exc.problem or exc.context}"


def char_at(text: str, line: int, column: int) -> str:
    """The character at a parser's mark (0-based line and column), or "" past the text."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if not start:
            return ""
    return text[start + column:start + column + 1] if start + column < len(text) else ""


def mark_pos(exc: yaml.MarkedYAMLError, text: str, label: str) -> Pos:
    """Where a YAML error is. The parser ends a text without a final line break by starting a
    line past its last (line 2 of `rules: [`), which neither grep -n nor an editor has: an
    error found there is at the end of the text's last line, where the text was cut short."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Pos(label)
    breaks = text.count("\n")
    if mark.line > breaks:
        return Pos(label, breaks + 1, len(text) - text.rfind("\n"))
    return Pos(label, mark.line + 1, mark.column + 1)
