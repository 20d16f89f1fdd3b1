"""Where a strict JSON read (engine.audit.record.loads_strict) refused a text that is JSON.

A record or log line is read refusing a key written twice and NaN or Infinity, which JSON
parsers resolve differently, and Python refuses a whole number of more digits than it converts
(`sys.get_int_max_str_digits()`). Those refusals come from json's hooks and from int, which
are told no position, while a syntax error carries one; so, only once a read has been refused, the text
is walked again here to find the token refused, so that the refusal is located as a syntax
error is. A text read without a problem is never walked: reading a valid log costs what it did.
"""
from __future__ import annotations

import json
import math
import sys
from json.decoder import WHITESPACE, scanstring

from ..quote import quote

_SKIP = json.JSONDecoder(parse_int=str, parse_float=str)  # only where a scalar ends: no number read as one
_CONSTANTS = ("NaN", "Infinity", "-Infinity")


def refused_at(text: str, strict: bool = True) -> int | None:
    """The 0-based offset in `text` of the first token a strict read refuses, in the order
    json meets them: NaN, Infinity or -Infinity, a whole number too long for int, or a number too
    large for a float (which reads as Infinity), where it is read; a key written twice when its
    object ends (json's pairs hook sees the object whole), at its first repeat in written
    order. With `strict` False, NaN, Infinity or -Infinity alone: a profile's reader takes a key
    twice (PF105) and a whole number of any length (scalars.json_int). None if none is found (the text is not JSON up to there, or nests too deep).

    Walked with a stack, not by recursion, so that no text json could read is too deep here."""
    try:
        return _walk(text, strict)
    except (IndexError, ValueError, StopIteration):
        return None


def _walk(text: str, strict: bool) -> int | None:
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
            value, end = _SKIP.scan_once(text, at)
            if strict and isinstance(value, str) and text[at] != '"' \
                    and (too_many_digits(value) or _overflows(value)):
                return at
            at = end
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
            if strict and frame is not None and frame[1] is not None:
                return frame[1]


class Refused(ValueError):
    """A refusal of the strict read's own hooks (a key written twice, NaN or Infinity), told
    apart from int's refusal of a number too long to convert."""


def refuse_twice(items: list) -> dict:
    """The strict read's object hook: an object, or Refused for a key written twice."""
    out = {}
    for k, v in items:
        if k in out:
            raise Refused(f"duplicate key {quote(k)}")
        out[k] = v
    return out


def refuse_constant(name: str) -> None:
    """The strict read's constant hook: NaN, Infinity and -Infinity are not JSON."""
    raise Refused(f"{name} is not JSON")


def finite_float(literal: str) -> float:
    """The strict read's float hook: a number too large for a float (`1e400`) reads as
    Infinity, which no digest can be taken over (canonical JSON refuses it), so it is refused
    as the Infinity token is."""
    value = float(literal)
    if math.isinf(value):
        raise Refused(f"{literal if len(literal) <= 24 else literal[:20] + '...'} is too large a number: "
                      "it reads as Infinity, which is not JSON")
    return value


def _overflows(literal: str) -> bool:
    """Whether a number as written, read by json as a float (it has a fraction or an exponent), is Infinity."""
    return any(c in literal for c in ".eE") and math.isinf(float(literal))


def refusal_words(exc: ValueError, text: str, offset: int | None) -> str:
    """What was refused, for the problem's message: a hook's words, or, for int's refusal, the
    number's length in pathfit's words (int's own ask for a call no user of pathfit can make)."""
    if isinstance(exc, Refused):
        return str(exc)
    limit = sys.get_int_max_str_digits()
    digits = too_many_digits(_number_at(text, offset)) if offset is not None else 0
    return (f"a whole number of {digits} digits; at most {limit} are read" if digits
            else f"a whole number of more than {limit} digits, which is not read")


def _number_at(text: str, offset: int) -> str:
    end = offset + 1
    while end < len(text) and text[end] in "0123456789.eE+-":
        end += 1
    return text[offset:end]


def too_many_digits(number: str) -> int:
    """The digits of `number`, a JSON number as written, if int refuses to read it (more than
    `sys.get_int_max_str_digits()`, when that is not 0); else 0. A fraction or an exponent is
    read by float, which has no such limit."""
    limit = sys.get_int_max_str_digits()
    digits = len(number.lstrip("-"))
    return digits if limit and digits > limit and number.lstrip("-").isdigit() else 0


def _key(text: str, at: int, frame: list) -> int:
    """Read the key at `at` into the object's `frame`; -> the offset of its value."""
    key, end = scanstring(text, at + 1)
    if key in frame[0] and frame[1] is None:
        frame[1] = at
    frame[0].add(key)
    return WHITESPACE.match(text, WHITESPACE.match(text, end).end() + 1).end()  # past the `:`
