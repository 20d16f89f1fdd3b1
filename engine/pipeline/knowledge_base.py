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
from ..quote import quote, shown_path

# a heading's text (kb_lines.headings) ending in its anchor; a backslash before the `<`
# would make the tag text, not an anchor
_ANCHORED = re.compile(r"(.*?)[ \t]*(?<!\\)((?:\\\\)*)<a id=\"([^\"]+)\"></a>$", re.S)
# an anchor a heading seems to mean but that makes no section: `<a id="x">` left open,
# quoted with ' or not at all, spaced, or followed by more text
_NEAR = re.compile(r"<a\s+(?:id|name)\s*=\s*[\"']?([^\"'\s<>]+)", re.I)


class Sections(dict):
    """{anchor: (heading title, position)}, with `near`: {anchor: position} for each anchor a
    heading seems to mean but writes so that it makes no section (`<a id="x">` never closed,
    `<a id='x'></a>`, text after the anchor). A citation of one is still refused (the rendered
    page has no such anchor), but the refusal can point at the heading the author meant.
    `written`: {anchor: the title as written}, which the rule set's digest reads (ruleset.py):
    how a Markdown reader renders a heading is no change to the rules."""

    def __init__(self) -> None:
        super().__init__()
        self.near: dict[str, Pos] = {}
        self.written: dict[str, str] = {}


def text_digest(data: bytes) -> str:
    """SHA-256 of a knowledge base's bytes as text: CRLF read as LF and a UTF-8 byte order
    mark dropped, as a rule file's digest reads it (ruleset.py). The same file saved on
    Windows or checked out with CRLF is the same knowledge base, so a record replayed there
    does not report a change the text never had."""
    return hashlib.sha256(data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")).hexdigest()


def parse_sections(path: Path, label: str, out: Collector) -> Sections:
    """-> {anchor: (heading title, position)}; problems go to `out`."""
    return read_sections(path, label, out)[0]


def read_sections(path: Path, label: str, out: Collector,
                  at: Pos | None = None) -> tuple[Sections, str | None]:
    """(parse_sections' answer, the SHA-256 of the bytes it was read from (`text_digest`);
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
            out.add("PF217", f"knowledge base {shown_path(label)}: {p.message}" if whole else f"knowledge base: {p.message}",
                    at if whole else p.pos)
        return Sections(), None
    digest = text_digest(data)
    sections = Sections()
    references: dict | None = None  # the file's link reference definitions, read once a title needs them
    for text, end in headings(body):
        m = _ANCHORED.match(text)
        if not m:
            _near(body, text, end, label, sections.near)
            continue
        written, anchor = text[:m.end(2)].rstrip(" \t").replace("\n", " "), m.group(3)
        pos = _where(body, end - (len(text) - m.end(2)), label)  # the anchor ends the text's last line
        if anchor in sections:
            out.add("PF217", f"anchor {quote(anchor)} appears twice (first at line {sections[anchor][1].line})", pos)
            continue
        if references is None and "[" in written:
            references = link_references(body)
        sections[anchor], sections.written[anchor] = (heading_words(written, references), pos), written
    for anchor in [a for a in sections.near if a in sections]:
        del sections.near[anchor]
    if not sections:
        out.add("PF217", "knowledge base has no anchored sections (`## Title <a id=\"anchor\"></a>`)"
                f"{near_hint(sections.near)}", Pos(label))
    return sections, digest


# what inline Markdown or HTML starts with: a title without any is its own words, unparsed
_MARKUP = re.compile(r"[&<`*_\\\[!~]")


def _reader():
    from markdown_it import MarkdownIt  # rich's own Markdown reader: only for a title with markup
    return MarkdownIt("commonmark").enable("strikethrough")


def link_references(body: str) -> dict:
    """The link reference definitions of the whole file (`[guide]: https://...`), as the
    reader keeps them: a heading's `[the guide][guide]` is a link only given these, and the
    page shows its text alone."""
    env: dict = {}
    _reader().parse(body, env)
    return env


def heading_words(source: str, references: dict | None = None) -> str:
    """A heading's words as the knowledge base's rendered page shows them (CommonMark with
    GitHub's strikethrough): entities decoded, tags dropped, emphasis, links and code spans
    as their text, reference links resolved by the file's `references` (link_references).
    Every view names a section by its title (the interview's why, `rules show`, a record's
    cites, the link text in `pathfit docs`), and each must read as the heading the reader
    finds there, not as its source: `Goals &amp; <em>aims</em>` is "Goals & aims"."""
    if not _MARKUP.search(source):
        return source

    def words(tokens) -> str:
        return "".join(words(t.children or ()) if t.type == "image" else t.content
                       if t.type in ("text", "text_special", "code_inline") else " "
                       if t.type in ("softbreak", "hardbreak") else "" for t in tokens)

    inline = _reader().parseInline(source, dict(references or {}))
    return words(inline[0].children or ()).strip() if inline else source


def near_hint(near: dict[str, Pos], anchor: str | None = None) -> str:
    """The hint naming where a heading seems to mean `anchor` (or, with None, the first such
    heading), or an empty string when none does."""
    if anchor is None:
        anchor = next(iter(near), None)
    if anchor not in near:
        return ""
    pos = near[anchor]
    return (f" (line {pos.line} of the knowledge base has a heading with an anchor {quote(anchor)} that makes no "
            f"section: a section's heading ends in `<a id=\"{anchor}\"></a>`)")


def _near(body: str, text: str, end: int, label: str, near: dict[str, Pos]) -> None:
    """Record, at its `<a`, each anchor the heading `text` (ending at offset `end`) seems to
    mean though it is not a section's; the first place each is seen is kept. An underlined
    heading's text is its lines joined and trimmed, so each `<a` is found in `body` itself,
    from the heading's end backwards."""
    found, bound = [], end
    for m in reversed(list(_NEAR.finditer(text))):
        at = body.rfind(m.group(0), 0, bound)
        bound = at if at >= 0 else end - len(text) + m.start()
        found.append((m.group(1), bound))
    for anchor, at in reversed(found):
        near.setdefault(anchor, _where(body, at, label))


def _where(body: str, offset: int, label: str) -> Pos:
    """The position of `offset`, in lines ended by a line feed, as editors and `grep -n`
    count them (a lone carriage return, a line ending to CommonMark, starts none)."""
    line_start = body.rfind("\n", 0, offset) + 1
    return Pos(label, body.count("\n", 0, offset) + 1, offset - line_start + 1)
