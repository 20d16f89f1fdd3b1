"""A value quoted in a message, the same on every Python: repr's form, one Unicode table.

Messages name what they refuse as Python's repr writes it ('coaching', "it's"). But
repr escapes the characters `str.isprintable` refuses, and each Python judges that by
its own Unicode version: U+1FAE8, assigned in Unicode 15.0, was `'\\U0001fae8'` in a
message on 3.11 (Unicode 14.0) and the character itself on 3.12 and 3.13. `quote` writes
text exactly as Python 3.13's repr does (the same quote chosen, the same backslash
escapes, `\\xNN`, `\\uNNNN` and `\\UNNNNNNNN`), judging what to escape by one fixed table
(engine/printable.py, Unicode 15.1), so a message reads byte for byte the same on each.
ASCII text needs no table (every Python's repr writes it alike); the table is loaded only
when a message quotes text that is not, never on the way of a decision made without one.
"""
from __future__ import annotations

import functools

_NAMED = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def quote(value: object) -> str:
    """`value` as repr writes it, but text (and the text items of a list or tuple) written
    by `quoted_text`: a number, None or any other object keeps its own repr, which reads the
    same on every Python. A str subclass with a repr of its own (an enum's) keeps that."""
    if isinstance(value, str) and type(value).__repr__ is str.__repr__:
        return quoted_text(str.__str__(value))
    if type(value) is list:
        return "[" + ", ".join(map(quote, value)) + "]"
    if type(value) is tuple:
        return "(" + ", ".join(map(quote, value)) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def quoted_text(text: str) -> str:
    """`text` as Python 3.13's repr writes it, on any Python."""
    if text.isascii():
        return repr(text)
    mark = '"' if "'" in text and '"' not in text else "'"
    unprintable = _unprintable()
    out = [mark]
    for char in text:
        code = ord(char)
        if char == mark:
            out.append("\\" + char)
        elif char in _NAMED:
            out.append(_NAMED[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif code < 0x7F or not unprintable(code):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append(mark)
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _unprintable():
    """Whether a code point is one the table escapes: built on first use, from the runs'
    first code points, searched by bisection."""
    import bisect

    from .printable import RUNS

    firsts = [first for first, _ in RUNS]
    lasts = [last for _, last in RUNS]

    def unprintable(code: int) -> bool:
        at = bisect.bisect_right(firsts, code) - 1
        return at >= 0 and code <= lasts[at]

    return unprintable
