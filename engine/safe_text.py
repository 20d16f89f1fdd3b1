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
    expressions took 0.75 ms to compile; most text (see escape_controls) needs neither."""
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
    if text.isprintable() or _layout_only(text, keep_colour):  # every character escaped is unprintable
        return text
    return _pattern(keep_colour).sub(_escape, text)


def _layout_only(text: str, keep_colour: bool) -> bool:
    """Whether the only unprintable characters are newlines and tabs (which stay) and,
    with `keep_colour`, whole SGR sequences: so a command's styled, multi-line output
    needs no expression at all."""
    pieces = text.split("\x1b") if keep_colour else [text]
    rest = [pieces[0]]
    for piece in pieces[1:]:
        end = _sgr_length(piece)
        if not end:
            return False
        rest.append(piece[end:])
    return "".join(rest).replace("\n", "").replace("\t", "").isprintable()


def _sgr_length(after_esc: str) -> int:
    """The length of `[digits;...m` at the start of what follows an ESC, else 0."""
    if not after_esc.startswith("["):
        return 0
    i = 1
    while i < len(after_esc) and after_esc[i] in "0123456789;":
        i += 1
    return i + 1 if i < len(after_esc) and after_esc[i] == "m" else 0


def has_controls(text: str) -> re.Match | None:
    """The first control character `escape_controls` would escape, if any."""
    return None if text.isprintable() else _pattern(False).search(text)


def control_message(char: str) -> str:
    """PF101's words for the control character `char` in text: what it would do where shown."""
    does = "reorder the text around it where it is shown" if 0x202A <= ord(char) <= 0x2069 \
        else "drive the terminal that shows it"
    return f"control character U+{ord(char):04X} in text not allowed: it would {does}"


def control_in(value) -> str | None:
    """control_message for the first control character in `value` (a text, or a list of texts),
    else None. A file's text is refused for one as it is read (PF101); a fact's value that came
    otherwise (`--fact`, `Engine.evaluate` and the service, a JSON Lines row's `\\u0007`) is asked
    once the profile check has refused it, so that the same mistake has the same code every way in."""
    for text in value if isinstance(value, (list, tuple)) else (value,):
        bad = has_controls(text) if isinstance(text, str) else None
        if bad is not None:
            return control_message(bad.group())
    return None


def one_line(text: str) -> str:
    """`text` escaped as `escape_controls` escapes it, and its newlines, carriage returns
    and tabs too: for a value shown inside one line of a message (a batch row's id), where
    a newline would start a line that reads as a message of its own."""
    text = escape_controls(text)
    if text.isprintable():
        return text
    return text.replace("\n", "\\u000a").replace("\t", "\\u0009")
