"""User text made safe to show: control characters written as visible escapes.

Rule reasons, row ids, file names and fact values end up on a terminal and in
CSV files opened in one. A raw ESC, BEL or C1 byte there can retitle the
window, move the cursor, hide text or inject a line (a CR), so every one is
written as `\\u001b`-style escape text instead: readable, and still valid
inside a JSON string. Newlines and tabs stay. One function, applied where text
leaves pathfit (cli.common.echo and fail_with, batch output cells).
"""
from __future__ import annotations

import re
from functools import lru_cache

# C0 but tab and newline, DEL, C1, and the bidirectional overrides that reorder what is shown
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_SGR = "\x1b\\[[0-9;]*m|" + _CONTROL


@lru_cache(maxsize=None)
def _pattern(keep_colour: bool) -> re.Pattern:
    """Compiled on first use: this module is imported on every CLI start, and the two
    expressions took 0.75 ms to compile; most text (str.isprintable) needs neither."""
    return re.compile(_SGR if keep_colour else _CONTROL)


def _escape(match: re.Match) -> str:
    char = match.group()
    if len(char) > 1:  # a colour sequence pathfit's own styling made (click.style): kept
        return char
    return f"\\u{ord(char):04x}"


def escape_controls(text: str, keep_colour: bool = False) -> str:
    """`text` with every control character escaped; with `keep_colour`, SGR
    colour/bold sequences (ESC [ digits m), which only change how text looks,
    are kept so styled output stays styled."""
    if text.isprintable():  # every character escaped is unprintable: nothing to do
        return text
    return _pattern(keep_colour).sub(_escape, text)


def has_controls(text: str) -> re.Match | None:
    """The first control character `escape_controls` would escape, if any."""
    return None if text.isprintable() else _pattern(False).search(text)
