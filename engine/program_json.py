"""JSON for programs: the one writer of a decision or explanation as JSON, and that JSON on a
standard output whose encoding lacks some characters (an ASCII locale, latin-1).

Loaded only where JSON is written: the text views, and every start-up, never need it."""
from __future__ import annotations

import json
import re


def json_for_programs(obj) -> str:
    """A decision or explanation as every way out prints it for programs (`recommend`,
    `explain` and `interview` with `--format json`, the service's JSON answers): keys
    sorted, two-space indents, text as written. One writer, so the same rules and facts
    give the same bytes however they are asked."""
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)


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
