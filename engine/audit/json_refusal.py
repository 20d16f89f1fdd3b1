"""Where a strict JSON read (engine.audit.record.loads_strict) refused a text that is JSON.

A record or log line is read refusing a key written twice and NaN or Infinity, which JSON
parsers resolve differently. Those refusals come from json's hooks, which are told no
position, while a syntax error carries one; so, only once a read has been refused, the text
is walked again here to find the token refused, so that the refusal is located as a syntax
error is. A text read without a problem is never walked: reading a valid log costs what it did.
"""
from __future__ import annotations

import json
from json.decoder import WHITESPACE, scanstring

_SKIP = json.JSONDecoder(parse_int=str, parse_float=str)  # only where a scalar ends: no number read as one
_CONSTANTS = ("NaN", "Infinity", "-Infinity")


def refused_at(text: str) -> int | None:
    """The 0-based offset in `text` of the first token a strict read refuses, in the order
    json meets them: NaN, Infinity or -Infinity where it is read; a key written twice when its
    object ends (json's pairs hook sees the object whole), at its first repeat in written
    order. None if none is found (the text is not JSON up to there, or nests too deep).

    Walked with a stack, not by recursion, so that no text json could read is too deep here."""
    try:
        return _walk(text)
    except (IndexError, ValueError, StopIteration):
        return None


def _walk(text: str) -> int | None:
    skip = WHITESPACE.match
    stack: list = []  # per open container: an object's [keys seen, offset of its first repeat or None]; a list's None
    at = skip(text, 0).end()
    while True:
        opener = text[at]
        if opener in "{[":
            at = skip(text, at + 1).end()
            if text[at] != ("}" if opener == "{" else "]"):
                stack.append([set(), None] if opener == "{" else None)
                if opener == "{":
                    at = _key(text, at, stack[-1])
                continue
            at += 1
        elif text.startswith(_CONSTANTS, at):
            return at
        else:
            at = _SKIP.scan_once(text, at)[1]
        while True:  # a value ended: go on in its container, or close it
            if not stack:
                return None
            at = skip(text, at).end()
            if text[at] == ",":
                at = skip(text, at + 1).end()
                if stack[-1] is not None:
                    at = _key(text, at, stack[-1])
                break
            frame = stack.pop()  # `}` or `]`
            at += 1
            if frame is not None and frame[1] is not None:
                return frame[1]


def _key(text: str, at: int, frame: list) -> int:
    """Read the key at `at` into the object's `frame`; -> the offset of its value."""
    key, end = scanstring(text, at + 1)
    if key in frame[0] and frame[1] is None:
        frame[1] = at
    frame[0].add(key)
    return WHITESPACE.match(text, WHITESPACE.match(text, end).end() + 1).end()  # past the `:`
