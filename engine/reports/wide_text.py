"""Terminal columns, for the text wrap.py wraps that is not ASCII: a CJK character or an
emoji takes two, a combining accent none (the fixed table width_table.py, the same on every
Python), and where text with no spaces may break. Apart from wrap.py so that ASCII text, all
that most rule sets hold, loads none of it (every `pathfit recommend` wraps its text)."""
from __future__ import annotations

# no line starts with these (they close or end what is before them) or ends with those
_NO_START = frozenset(")]}>.,:;!?%'\"、。，．・：；？！）］｝〕〉》」』】〙〗〟’”ー々〻…‥〜ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ\u3000")
_NO_END = frozenset("([{<（［｛〔〈《「『【〘〖〝‘“\u3000")
# one emoji drawn from several characters is never parted: a zero width joiner (👨‍👩‍👧) joins the
# characters either side of it, a skin-tone modifier (👍🏽) joins the one before it
_JOINER = "\u200d"
_MODIFIERS = range(0x1F3FB, 0x1F400)
_TABLE: list = []


def columns(text: str) -> int:
    """The terminal columns `text` takes: two for a wide character, none for a combining
    mark, one for any other."""
    if text.isascii():
        return len(text)
    return sum(map(_width, text))


def _width(char: str) -> int:
    if not _TABLE:  # loaded here, with bisect: ASCII text, all most rule sets hold, needs neither
        from bisect import bisect_right

        from .width_table import WIDE, ZERO
        runs = sorted([(first, last, 2) for first, last in WIDE] + [(first, last, 0) for first, last in ZERO])
        _TABLE.extend(([first for first, _, _ in runs], runs, bisect_right))
    starts, runs, bisect_right = _TABLE
    code = ord(char)
    at = bisect_right(starts, code) - 1
    return runs[at][2] if at >= 0 and code <= runs[at][1] else 1


def expanded(text: str) -> str:
    """str.expandtabs (tab stops every 8 columns, each line counted from its start), in columns."""
    if text.isascii() or "\t" not in text:
        return text.expandtabs()
    out, at = [], 0
    for char in text:
        if char == "\t":
            out.append(" " * (8 - at % 8))
            at += 8 - at % 8
        else:
            out.append(char)
            at = 0 if char in "\n\r" else at + _width(char)
    return "".join(out)


def pieces(chunk: str) -> list[str]:
    """`chunk` (a word, or the spaces between words) cut where a line may break inside it: beside a
    wide character, never inside one emoji (after a joiner, before a skin-tone modifier)."""
    if chunk.isascii():
        return [chunk]
    out, start = [], 0
    widths = [_width(c) for c in chunk]
    for i in range(1, len(chunk)):
        if (2 in (widths[i - 1], widths[i]) and widths[i] != 0
                and chunk[i] not in _NO_START and chunk[i - 1] not in _NO_END
                and chunk[i - 1] != _JOINER and ord(chunk[i]) not in _MODIFIERS):
            out.append(chunk[start:i])
            start = i
    out.append(chunk[start:])
    return out


