"""User-authored text put into generated Markdown so the rendered page shows exactly it.

A rule's reason, a fact's description, an outcome's label or a knowledge-base
title is plain text to its author; written into Markdown unchanged, `## x` on
a line of its own becomes a heading, `- x` a bullet, `<b>` markup and `*x*`
emphasis. Each function here returns text Markdown renders as the characters
given: the characters Markdown or HTML give meaning to are escaped, and a line
break becomes `<br>` inside one line, so no line of the text can start a block
of its own.
"""
from __future__ import annotations

import re

_INLINE = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|", "~": "\\~",
           "&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INLINE_RE = re.compile("|".join(re.escape(c) for c in _INLINE))
_BLOCK_START = re.compile(r"^(?:[#+\-=]|\d{1,9}(?=[.)]))")


def md(text: str, line_start: bool = True) -> str:
    """`text` as one line of Markdown that renders as the text itself; a line break
    (any of them, blank lines too) as `<br>`. Leading and trailing white space is
    dropped, as rendering would. With `line_start` False, for text written after other
    words on its line (`**Confidence:** 1.00`), where nothing it starts with begins a block,
    its start is left as it is."""
    lines = [_INLINE_RE.sub(lambda m: _INLINE[m.group(0)], line) for line in text.strip().splitlines()]
    joined = "<br>".join(line.rstrip() for line in lines)
    m = _BLOCK_START.match(joined) if line_start else None
    if m:  # `# x`, `- x`, `+ x`, `= x` or `1. x` would start a heading, a list or a setext line
        cut = m.end() if m.group(0)[0].isdigit() else 0
        joined = joined[:cut] + "\\" + joined[cut:]
    return joined


_CLOSING = re.compile(r"(^|[ \t])(#+)([ \t]*)$")


def heading(text: str) -> str:
    """`text` as a heading's words (after `# `), as `md` writes them, with a run of `#` at their
    end escaped: after a space, or alone, such a run is the heading's closing sequence, which
    a viewer drops, so an outcome labelled `Plan #` would show as `Plan`."""
    return _CLOSING.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), md(text))


def code(text: str) -> str:
    """`text` as an inline code span, whatever backticks it holds: fenced by one
    more backtick than its longest run, padded with a space where it starts or ends
    with a backtick or a space (CommonMark takes one such space off each side).
    A line break shows as a space, as it would in any code span."""
    text = " ".join(text.splitlines())
    if not text:
        return ""
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link_target(url: str) -> str:
    """A link destination as Markdown reads it: in angle brackets (with `<`, `>` and
    backslashes escaped) when it holds white space, parentheses or such, which would
    end a bare destination early."""
    if not re.search(r"[\s()<>\\]", url):
        return url
    url = re.sub(r"[\r\n]", lambda m: "%0D" if m.group(0) == "\r" else "%0A", url)
    return "<" + url.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>") + ">"
