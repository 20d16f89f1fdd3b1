"""Text a person types, compared with text written elsewhere as a reader sees it.

An accent can be one character (U+00E9) or a letter and a combining accent (e U+0301); a
keyboard, an editor or a file's origin picks one. They look the same, so a person can never
tell which one to type: text typed to find something written (a choice's label, a recorded
subject or operator) is compared in Unicode's composed form, NFC, which makes canonically
equivalent spellings one. What is written and recorded is kept as written."""
from __future__ import annotations

import unicodedata


def composed(text: str) -> str:
    """`text` in NFC; ASCII, which NFC never changes, is returned as it is."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def same_text(a: str | None, b: str | None) -> bool:
    """Whether `a` and `b` are the same text to a reader (canonically equivalent); None is only None."""
    if a is None or b is None:
        return a is b
    return a == b or composed(a) == composed(b)


def folded(text: str) -> str:
    """`text` for comparing case aside, in either spelling of an accent: NFC, then lower case."""
    return composed(text).lower()
