"""The knowledge base's citable sections: Markdown headings ending in `<a id="..."></a>`.

Anchors are explicit so renaming a heading never breaks a citation. A line that
looks like a heading inside a fenced code block (``` or ~~~) or an HTML comment
is not one when the page is rendered, so it is no section: a citation of it
would link to an anchor the reader's page does not have.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterator
from pathlib import Path

from ..errors import Collector, PathfitError, Pos
from .load import decode, plain_file, read_bytes

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*<a id=\"([^\"]+)\"></a>\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_COMMENT = re.compile(r"^ {0,3}<!--")


def parse_sections(path: Path, label: str, out: Collector) -> dict[str, tuple[str, Pos]]:
    """-> {anchor: (heading title, position)}; problems go to `out`."""
    return read_sections(path, label, out)[0]


def read_sections(path: Path, label: str, out: Collector) -> tuple[dict[str, tuple[str, Pos]], str | None]:
    """(parse_sections' answer, the SHA-256 of the bytes it was read from, CRLF read as LF;
    None when they could not be read). A decision record names the knowledge base by this
    digest: taken from the bytes the sections came from, it is the knowledge base the rule
    set was loaded with, even if the file changes while a batch runs."""
    try:
        plain_file(path, label)  # a pipe or a device is no knowledge base, as it is no rule file
        data = read_bytes(path, label)
        body = decode(data, label)
    except PathfitError as exc:  # re-home the read problem under the knowledge-base code
        for p in exc.problems:
            out.add("PF217", f"knowledge base: {p.message}", p.pos)
        return {}, None
    digest = hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()
    sections: dict[str, tuple[str, Pos]] = {}
    for number, line in _rendered_lines(body):
        m = _HEADING.match(line)
        if not m:
            continue
        title, anchor = m.group(2), m.group(3)
        pos = Pos(label, number, line.index("<a id=") + 1)
        if anchor in sections:
            out.add("PF217", f"anchor {anchor!r} appears twice (first at line {sections[anchor][1].line})", pos)
            continue
        sections[anchor] = (title, pos)
    if not sections:
        out.add("PF217", "knowledge base has no anchored sections (`## Title <a id=\"anchor\"></a>`)", Pos(label))
    return sections, digest


def _rendered_lines(body: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines outside fenced code blocks and HTML comments,
    as CommonMark reads them: a fence opens with three or more backticks or tildes
    (indented at most three spaces; a backtick fence's info string has no backtick)
    and closes with at least as many of the same character and nothing else, or at
    the end of the text; a comment opens with `<!--` at a line's start and ends with
    the line holding `-->`. Line numbers stay those of the file."""
    fence: str | None = None
    in_comment = False
    for number, line in enumerate(body.splitlines(), start=1):
        if fence is not None:
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not m.group(2).strip():
                fence = None
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        m = _FENCE.match(line)
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            fence = m.group(1)
            continue
        if _COMMENT.match(line):
            in_comment = "-->" not in line[line.index("<!--") + 4:]
            continue
        yield number, line
