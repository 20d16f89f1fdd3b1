"""The knowledge base's citable sections: Markdown headings ending in `<a id="..."></a>`.

Anchors are explicit so renaming a heading never breaks a citation. A section is a
heading the rendered page has (kb_lines.py reads the page's blocks as CommonMark does):
a line that looks like one inside a fenced code block or an HTML block is none, since a
citation of it would link to an anchor the reader's page does not have.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import Collector, PathfitError, Pos
from .kb_lines import headings
from .load import decode, plain_file, read_bytes
from ..quote import quote

# a heading's text (kb_lines.headings) ending in its anchor; a backslash before the `<`
# would make the tag text, not an anchor
_ANCHORED = re.compile(r"(.*?)[ \t]*(?<!\\)((?:\\\\)*)<a id=\"([^\"]+)\"></a>$", re.S)


def parse_sections(path: Path, label: str, out: Collector) -> dict[str, tuple[str, Pos]]:
    """-> {anchor: (heading title, position)}; problems go to `out`."""
    return read_sections(path, label, out)[0]


def read_sections(path: Path, label: str, out: Collector,
                  at: Pos | None = None) -> tuple[dict[str, tuple[str, Pos]], str | None]:
    """(parse_sections' answer, the SHA-256 of the bytes it was read from, CRLF read as LF;
    None when they could not be read). A decision record names the knowledge base by this
    digest: taken from the bytes the sections came from, it is the knowledge base the rule
    set was loaded with, even if the file changes while a batch runs. `at`: where the path
    is written (schema.yaml's `knowledge_base` value); a file that cannot be read at all
    (missing, a directory, too large) is reported there, naming the path, since the file
    has no line to point at."""
    try:
        plain_file(path, label)  # a pipe or a device is no knowledge base, as it is no rule file
        data = read_bytes(path, label)
        body = decode(data, label)
    except PathfitError as exc:  # re-home the read problem under the knowledge-base code
        for p in exc.problems:
            whole = at is not None and not p.pos.line  # about the file as a whole, not a place in it
            out.add("PF217", f"knowledge base {label}: {p.message}" if whole else f"knowledge base: {p.message}",
                    at if whole else p.pos)
        return {}, None
    digest = hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()
    sections: dict[str, tuple[str, Pos]] = {}
    for text, end in headings(body):
        m = _ANCHORED.match(text)
        if not m:
            continue
        title, anchor = text[:m.end(2)].rstrip(" \t").replace("\n", " "), m.group(3)
        pos = _where(body, end - (len(text) - m.end(2)), label)  # the anchor ends the text's last line
        if anchor in sections:
            out.add("PF217", f"anchor {quote(anchor)} appears twice (first at line {sections[anchor][1].line})", pos)
            continue
        sections[anchor] = (title, pos)
    if not sections:
        out.add("PF217", "knowledge base has no anchored sections (`## Title <a id=\"anchor\"></a>`)", Pos(label))
    return sections, digest


def _where(body: str, offset: int, label: str) -> Pos:
    """The position of `offset`, in lines ended by a line feed, as editors and `grep -n`
    count them (a lone carriage return, a line ending to CommonMark, starts none)."""
    line_start = body.rfind("\n", 0, offset) + 1
    return Pos(label, body.count("\n", 0, offset) + 1, offset - line_start + 1)
