"""The knowledge base's top-level heading lines, as CommonMark reads its blocks.

Why a scanner of CommonMark's blocks and not a search for lines starting `#`: a
citation links to an anchor on the rendered page, so a section must be a heading
that page has. A line that looks like a heading inside a fenced code block or an
HTML block (a comment, `<pre>` ... `</pre>`, `<div>` up to a blank line, ...) is
shown as code or raw HTML, never as a heading; a heading indented one to three
spaces is one. Block quotes and lists are not followed (docs/rule-language.md says
so): a line starting with `>` or a list marker is read as text, and a line indented
under a list item as if it stood at the top level.

The rules are CommonMark 0.31's, as markdown-it implements them (the test suite
holds the two to each other on generated pages); no Markdown library is loaded,
as this runs whenever a rule set is loaded without the cache.
"""
from __future__ import annotations

import re
from typing import Iterator

_BREAK = re.compile(r"\r\n|\r|\n")  # CommonMark's line endings (not U+2028 and the like)
_INDENT = re.compile(r" {0,3}(?=[^ \t])")  # at most three spaces before a block's first character
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)$")
_CLOSING = re.compile(r"(`{3,}|~{3,})[ \t]*$")
_BREAK_LINE = re.compile(r"(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$")  # a thematic break
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]#+$")

_BLOCK_NAMES = (
    "address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl "
    "dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend "
    "li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td "
    "tfoot th thead title tr track ul").split()
_ATTRIBUTE = (r"(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)")
_OPEN_OR_CLOSE = rf"(?:<[A-Za-z][A-Za-z0-9\-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9\-]*\s*>)"
# (start, end, may it interrupt a paragraph): CommonMark's seven kinds of HTML block, in its
# order; an end of None is a blank line (kinds 6 and 7)
_HTML_BLOCKS = (
    (re.compile(r"<(?a:script|pre|style|textarea)(?=\s|>|$)", re.I),
     re.compile(r"</(?a:script|pre|style|textarea)>", re.I), True),
    (re.compile(r"<!--"), re.compile(r"-->"), True),
    (re.compile(r"<\?"), re.compile(r"\?>"), True),
    (re.compile(r"<![A-Za-z]"), re.compile(r">"), True),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (re.compile(rf"</?(?a:{'|'.join(_BLOCK_NAMES)})(?=\s|/?>|$)", re.I), None, True),
    (re.compile(rf"{_OPEN_OR_CLOSE}\s*$"), None, False),
)


def headings(body: str) -> Iterator[tuple[str, int]]:
    """(text, offset in `body` just after it) of each heading CommonMark reads at the page's
    top level: an ATX heading (`#` to `######` after at most three spaces, then a space, a
    tab or the line's end; its closing #s left out) or a paragraph underlined with `=` or
    `-` (its lines joined by line feeds). Lines in fenced code blocks and HTML blocks are in
    none: a fence closes with at least as many of its character and nothing else, or at the
    end; an HTML block with its kind's end (kinds 6 and 7 at a blank line), or at the end."""
    fence: str | None = None
    html_end: re.Pattern | None = None
    in_html = False
    paragraph: list[tuple[int, str]] = []  # (offset, line) of the open paragraph's lines
    for start, line in _lines(body):
        blank = not line.strip(" \t")
        if fence is not None:
            at = _indent(line)
            closing = _CLOSING.match(line, at) if at >= 0 else None
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
            continue
        if in_html:
            if html_end is None:
                in_html = not blank
            elif html_end.search(line):
                in_html = False
            continue
        if blank:
            paragraph = []
            continue
        at = _indent(line)
        if at < 0:  # indented four columns or more: a paragraph's next line, or code
            if paragraph:
                paragraph.append((start, line))
            continue
        opened = _FENCE.match(line, at)
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence, paragraph = opened.group(1), []
            continue
        kind = next((k for k in _HTML_BLOCKS if k[0].match(line, at) and (k[2] or not paragraph)), None)
        if kind is not None:
            html_end, paragraph = kind[1], []
            in_html = html_end is None or not html_end.search(line, at)
            continue
        if _ATX.match(line, at):
            paragraph = []
            yield _atx(line, start, at)
            continue
        if paragraph and _SETEXT.match(line, at):
            yield "\n".join(text.strip(" \t") for _, text in paragraph), _end(*paragraph[-1])
            paragraph = []
            continue
        if _BREAK_LINE.match(line, at):
            paragraph = []
            continue
        paragraph.append((start, line))


def _atx(line: str, start: int, at: int) -> tuple[str, int]:
    """An ATX heading line's text and the offset just after it: after the opening #s and
    the spaces or tabs that follow, before a closing sequence of #s (one written after a
    space or a tab, or making up the whole text) and the spaces or tabs around it."""
    text_start = _ATX.match(line, at).end()
    rest = line[:len(line.rstrip(" \t"))]
    closing = _CLOSING_HASHES.search(rest, text_start - 1)
    if closing is not None:
        rest = rest[:closing.start()]
    rest = rest.rstrip(" \t")
    text_start = min(len(line) - len(line[text_start:].lstrip(" \t")), len(rest))
    return rest[text_start:], start + len(rest)


def _end(start: int, line: str) -> int:
    """The offset just after a paragraph line's text (its trailing spaces and tabs left out)."""
    return start + len(line.rstrip(" \t"))


def _lines(body: str) -> Iterator[tuple[int, str]]:
    """(offset of its start, its text) of each line, split at CommonMark's line endings."""
    start = 0
    for m in _BREAK.finditer(body):
        yield start, body[start:m.start()]
        start = m.end()
    if start < len(body):
        yield start, body[start:]


def _indent(line: str) -> int:
    """Where the line's first character is, when at most three spaces come before it; -1
    when it is indented four columns or more (a tab reaches the fourth column at once)."""
    m = _INDENT.match(line)
    return m.end() if m else -1
