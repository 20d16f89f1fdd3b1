"""Lone surrogates: half of a UTF-16 surrogate pair, alone, in text pathfit was given.

Python makes one of a byte that is not UTF-8 on a command line, and json.loads of an
escape such as "\\ud800" written alone. It is no character: no UTF-8 can hold it, so a
record, an output row or a message quoting it could never be written. Every way text
comes in refuses it where it is read (a batch's JSON Lines row, the service's body, a
subject or operator), with the words and checks kept here.
"""
from __future__ import annotations

import re

SURROGATE = re.compile("[\ud800-\udfff]")  # the character itself, in decoded text
# a lone escape: a high half not followed by a low one, or a low half not after a high one
_LONE = (r"(?<!\\)(?:\\\\)*(\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
         r"|(?<![dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})")
_HALF_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")  # a surrogate's escape, paired or not
LONE_SURROGATE = ("half of a surrogate pair (a \\uD800-\\uDFFF escape alone), which is no character and cannot "
                  "be written as UTF-8")


def lone_surrogate(doc: object, text: str, spared: frozenset = frozenset()) -> bool:
    """True if a key or text of a parsed JSON document holds a lone surrogate, which json.loads
    makes of an escape such as "\\ud800" and no UTF-8 can hold: a record, an output row or a
    message quoting it could never be written. Top-level keys in `spared` are left to checks
    of their own. Cheap for the usual document: the walk runs only when `text`, the JSON the
    document was read from, holds a surrogate's escape. Shared by batch rows and the service."""
    return "\\u" in text and _HALF_ESCAPE.search(text) is not None and _holds_half(doc, spared)


def _holds_half(value: object, spared: frozenset = frozenset()) -> bool:
    if isinstance(value, str):
        return SURROGATE.search(value) is not None
    if isinstance(value, list):
        return any(_holds_half(v) for v in value)
    if isinstance(value, dict):
        return any(SURROGATE.search(k) or (k not in spared and _holds_half(v)) for k, v in value.items())
    return False


def lone_surrogate_column(text: str) -> int:
    """The 1-based column of the first lone surrogate escape in JSON text (1 if none is found)."""
    return lone_surrogate_offset(text) + 1


def lone_surrogate_offset(text: str) -> int:
    """The 0-based offset of the first lone surrogate escape in JSON text (0 if none is found),
    for a text of many lines (a record file), whose place is then counted in lines."""
    m = re.search(_LONE, text)  # compiled on this rare path only (re keeps it)
    return m.start(1) if m else 0


_STRING = r'"(?:[^"\\]|\\.)*"'  # a JSON string, escapes and all (patterns compiled on their rare path only)
# an escaped backslash (read as one, so that a `\u` after it is no escape), or a surrogate pair's
# escape: a character past U+FFFF as JSON writes it (json.dumps an emoji)
_PAIR = r"\\\\|\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"


def pairs_for_yaml(text: str) -> str:
    """JSON `text` with each surrogate pair's escape (12 characters) written as YAML writes the
    character (`\\U0001F600`, 10), and two spaces more after the string's closing quote, so that
    YAML's reader, which reads no pair and refuses each half, reads the same strings, and every
    later key and value where it is written."""
    if "\\u" not in text:
        return text

    def pair(m: re.Match) -> str:
        if m.group(1) is None:
            return m.group(0)
        high, low = int(m.group(1), 16), int(m.group(2), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"

    def string(m: re.Match) -> str:
        read = re.sub(_PAIR, pair, m.group(0))
        return read + " " * (len(m.group(0)) - len(read))
    return re.sub(_STRING, string, text, flags=re.S)
