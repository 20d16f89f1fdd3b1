"""JSON for programs: the one writer of a decision or explanation as JSON, and that JSON on a
standard output whose encoding lacks some characters (an ASCII locale, latin-1).

Loaded only where JSON is written: the text views, and every start-up, never need it."""
from __future__ import annotations

import json
import re

_orjson = None  # orjson, once a process that writes many values asks for it (`for_many`)
_PASSED = 0  # types json cannot write and orjson can (dataclasses, datetimes): left to json, which refuses them


def for_many() -> None:
    """Write with orjson from now on, where it writes json's bytes: for a process that writes
    many values (the web service calls this as it starts). Importing orjson takes some 29 ms
    (it imports dataclasses and inspect), more than a one-shot command such as `recommend
    --format json` spends writing its one value with json, and its start-up loads neither."""
    global _orjson, _PASSED
    try:
        import orjson
    except ImportError:  # a dependency; json alone gives the same bytes
        return
    _orjson, _PASSED = orjson, orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def json_for_programs(obj) -> str:
    """A decision or explanation as every way out prints it for programs (`recommend`,
    `explain` and `interview` with `--format json`, the service's JSON answers): keys
    sorted, two-space indents, text as written. One writer, so the same rules and facts
    give the same bytes however they are asked: json's.

    Written by orjson, in a process that asked for it (`for_many`), where it writes those
    bytes: json writes indented JSON only with its
    pure-Python encoder, about ten times slower (9 ms a decision on 1,000 rules). Where the
    two write a value's compact form alike (json through its C encoder), its tokens are the
    same, in the same order, and both indent tokens alike (json's `indent=2` is orjson's
    OPT_INDENT_2), so the indented forms are the same too. Anything orjson writes otherwise
    (a number below 1e-4, NaN as null, a key that is not text) or refuses
    (an integer over 64 bits, a lone surrogate) is written by json. Nested deeper than
    json can write on Python's stack (orjson refuses past 255 levels), by `_deep`."""
    try:
        if _orjson is not None:
            try:
                same = _orjson.dumps(obj, option=_orjson.OPT_SORT_KEYS | _PASSED) == \
                    json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            except (TypeError, ValueError):  # orjson refused it, or json can write it only indented: json's way
                same = False
            if same:
                return _orjson.dumps(obj, option=_orjson.OPT_INDENT_2 | _orjson.OPT_SORT_KEYS | _PASSED).decode("utf-8")
        return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)
    except RecursionError:  # nested deeper than Python's stack lets json write it
        return _deep(obj)


_END = object()


def _deep(obj) -> str:
    """The same text as json_for_programs' json.dumps, written with a stack of its own: an
    explanation's tree nests four levels for each derived fact in a chain, and json writes
    each level with a Python call, so a chain of some 240 derived facts, which the engine runs,
    would be an internal error. Holds what pathfit's JSON holds: mappings with text keys,
    lists, text, numbers, booleans and null."""
    out: list[str] = []
    stack: list[list] = []  # [items left, depth, mapping?, none written yet?]

    def start(value, depth: int) -> None:
        if isinstance(value, dict) and value:
            out.append("{")
            stack.append([iter(sorted(value.items())), depth + 1, True, True])
        elif isinstance(value, (list, tuple)) and value:
            out.append("[")
            stack.append([iter(value), depth + 1, False, True])
        else:
            out.append(json.dumps(value, ensure_ascii=False))  # a value, {} or []: no nesting

    start(obj, 0)
    while stack:
        frame = stack[-1]
        items, depth, mapping, first = frame
        item = next(items, _END)
        if item is _END:
            stack.pop()
            out.append("\n" + "  " * (depth - 1) + ("}" if mapping else "]"))
            continue
        out.append(("\n" if first else ",\n") + "  " * depth)
        frame[3] = False
        if mapping:
            key, item = item
            out.append(json.dumps(key, ensure_ascii=False) + ": ")
        start(item, depth)
    return "".join(out)



def json_on(stream, text: str) -> str:
    """JSON `text` as `stream` (standard output) can carry it: each character its encoding lacks
    (an ASCII locale's é, latin-1's emoji) written as JSON's own escape (`\\u00e9`, a surrogate
    pair past U+FFFF), which every JSON reader reads as the character. The stream's own escape
    for it (`\\xe9`, `\\U0001f600`) is no JSON, and its ASCII tree lines would redraw a `─` in a
    reason as `-`. UTF-8, which carries every character, is left as it is."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    if encoding in ("utf-8", "utf8") or text.isascii():
        return text
    return re.sub("[^\x00-\x7f]", lambda m: m.group() if _carries(encoding, m.group()) else _escaped(m.group()), text)


def _carries(encoding: str, char: str) -> bool:
    try:
        char.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return char not in "├└│─"  # drawn in ASCII by a stream that lacks any of them (cli/streams.py)


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
