"""A rule file's text found where a number belongs: the problem, with advice that fits how it was written.

`coaching: '3'`, `coaching: !!str 3` and `coaching: |` (a block of text) are each text to every
YAML reader, each for its own reason: the quotes, the tag, the block. Advice to "write 3 without
quotes" is untrue of the two that have none, so the scalar's form is read back from the file at
the value's position. The walkers over a file's scalars (located.py, located_events.py) keep no
note of a scalar's style or tag: nearly every scalar is read on a decision's way, and none but
this advice needs it, so it is read here, for a message only, when a load is refused anyway.
A plain scalar that YAML 1.1 alone leaves as text (`1e3`, `-.5`) is another mistake, one readers
disagree on (PF211, number_forms); written quoted or tagged, no reader takes it for a number.
"""
from __future__ import annotations

import math
import os
import re

from ..errors import Pos
from ..quote import quote
from .number_forms import text_number, text_number_message
from .scalars import inexact, is_plain_number, not_exact_reason

_LINES: dict = {}  # (path, mtime_ns, size) -> the file's lines: several such values in one file are read once


def text_problem(what: str, text: str, pos: Pos) -> tuple[str, str]:
    """(code, message) for the text `text` found at `pos` where a number belongs."""
    made = made_text(pos)
    if not made:  # plain, or not known: as YAML 1.1 reads a plain scalar
        said = text_number_message(what, text)  # 1e3, -.5: text to YAML 1.1 alone
        if said is not None:
            return "PF211", said
        if is_plain_number(text.strip()) and not math.isfinite(float(text)):
            return "PF203", f"{what} must be a finite number"  # 1e400, text to YAML 1.1: as 1.0e+400 is
    body = text.strip()
    number = None
    if is_plain_number(body) and math.isfinite(float(body)) and not inexact(body, float(body)):
        number = text_number(body) or body  # 1e3 as 1000: written so, YAML 1.1 would read it as text
    if number is None:  # no number, or one a float does not hold as written (1e-400): said so, as unquoted it would be
        unheld = not_exact_reason(body)
        return "PF203", f"{what} must be a number, not text" + (
            f" ({quote(text)}), and as a number it would not be taken{unheld}" if unheld else "")
    return "PF203", f"{what} must be a number, not text ({quote(text)}): {advice(number, made)}"


def advice(number: str, made: tuple | None) -> str:
    """How to write `number` so that it is one, given what made it text (made_text)."""
    if made is None:
        return f"write {number} as a plain number, without quotes or a tag"
    tag = f"the {made[0]} tag" if made[0] else ""
    if made[1] == "block":
        return f"write {number} on the key's line as a plain number, not as a block of text" + \
            (f", without {tag}" if tag else "")
    if made[1] == "quotes":
        return f"write {number} without {tag} and the quotes" if tag else f"write {number} without quotes"
    return f"write {number} without {tag}"


def made_text(pos: Pos, source: str | None = None) -> tuple | None:
    """What the scalar written at `pos` holds besides its text: (its tag as written or "", "quotes",
    "block" or ""); () for a plain scalar without a tag; None when the file cannot be read back.
    `source`: the text as it was read (a profile from stdin cannot be read back), else the file's."""
    table = source is None and pos.file.endswith(".csv")
    lines = _lines(pos.file) if source is None else _split(source)
    if lines is None or not 0 < pos.line <= len(lines) or pos.col < 1:
        return None
    tag, rest, at = "", lines[pos.line - 1][pos.col - 1:], pos.line
    if table and rest.lstrip(" ").startswith('"'):  # a table's CSV cell (csv_rows._split):
        rest = _in_csv_quotes(rest.lstrip(" "))  # its quotes are the spreadsheet's, never YAML's: `"2"` is 2
    while True:
        rest = rest.lstrip(" \t")
        if rest.startswith(("!", "&")):  # a tag, or an anchor (refused where it is used): up to a blank
            token = re.match(r"[^ \t]*", rest).group()
            if token.startswith("!"):
                tag = token
            rest = rest[len(token):]
            continue
        if (not rest or rest.startswith("#")) and at < len(lines):  # the text on a later line
            rest, at = lines[at], at + 1
            continue
        break
    if not rest:
        return None
    kind = "quotes" if rest[0] in "'\"" else "block" if rest[0] in "|>" else ""
    return (tag, kind) if tag or kind else ()


def _in_csv_quotes(cell: str) -> str:
    """The text of a CSV cell written in quotes (a quote doubled inside), as csv_rows reads it."""
    found = re.match(r'"((?:[^"]|"")*)"', cell)
    return found.group(1).replace('""', '"') if found else cell[1:]


def _lines(path: str) -> list | None:
    """The lines of the file at `path` as YAML counts them, or None if it cannot be read."""
    try:
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size)
        if key not in _LINES:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            _LINES.clear()
            _LINES[key] = _split(text)
        return _LINES[key]
    except (OSError, ValueError):
        return None


def _split(text: str) -> list:
    """`text`'s lines as YAML counts them."""
    return re.split("\r\n|\r|\n", text.removeprefix("\ufeff"))
