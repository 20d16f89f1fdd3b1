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
import os

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


def shown_path(path: str | os.PathLike) -> str:
    """A file or folder name as every message shows it: as given when it reads plainly, else
    quoted as `quoted_text` writes it (`'r\\x1b[31m/schema.yaml'`). A name holding a line
    break or an escape printed raw starts a line of its own or drives the terminal (and a
    colour sequence is stripped where stderr is not one, so the name shown is not the real
    one); quoted, each shows its one real name. A plain name never begins with a quote mark
    nor holds a backslash (but on Windows, where it separates folders) or a space at either
    end, so a shown name that begins with a quote mark is always the quoted form: read it as
    a Python string literal to get the name back."""
    text = os.fspath(path)
    backslash_ok = os.sep == "\\"  # Windows: the separator, never part of a name
    if printable(text) and (backslash_ok or "\\" not in text) and text[:1] not in ("'", '"') and text.strip() == text:
        return text
    return quoted_text(text)


def shown_id(text: str, plain=None) -> str:
    """A row id inside one line of a message: as `plain` shows it (safe_text.one_line, or a
    command's own escaping), but quoted as `quoted_text` writes it where bare it could not be
    read back: empty or blanks alone (`(row 1, id )` named no id one could see), blanks at an
    end, or a quote mark first (which would read as the quoted form)."""
    if text and text.strip() == text and text[0] not in "'\"":
        if plain is None:
            from .safe_text import one_line as plain
        return plain(text)
    return quoted_text(text)

def row_name(number: int, row_id: str | None) -> str:
    """A corpus row as `batch` and `impact` both name it: by its number, then its id
    (`row 4, id a`) or that it has none (`row 3, no id`). The number leads because it alone
    tells rows apart: an id is corpus text, and one that reads `row 3` named alone would be
    the third row's name too."""
    return f"row {number}, " + (f"id {shown_id(row_id)}" if row_id is not None else "no id")


def printable(text: str) -> bool:
    """Whether `text` holds no character a quote escapes: judged by the fixed table
    (engine/printable.py) where it is not ASCII, so alike on every Python."""
    if text.isascii():
        return text.isprintable()
    unprintable = _unprintable()
    return not any(unprintable(ord(char)) for char in text)


def shell_word(path: str | os.PathLike) -> str:
    """`path` as one shell word, for a command pathfit prints to be run as shown (`chmod 600
    PATH`, `export VAR=PATH`): a name with a space, a quote or `$(...)` in it, printed bare,
    would name another file, or run what it holds, when pasted into a shell. A name holding a
    line break or an escape is written `$'...'`, each byte not printable ASCII as `\\xNN`: no
    raw control character reaches the terminal, and bash, zsh and ksh read back the name."""
    import shlex

    text = os.fspath(path)
    if printable(text):
        return shlex.quote(text)
    escaped = (chr(b) if 0x20 <= b < 0x7F and b not in b"\\'" else f"\\x{b:02x}" for b in os.fsencode(text))
    return "$'" + "".join(escaped) + "'"
