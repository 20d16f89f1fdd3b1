"""A page's elements as an accessibility checker reads them: each with its attributes, its
text and its ancestors, found by id (html.parser from the standard library, no browser); and
its runs of text with the elements around each, so a test can say what marks a piece of text."""
from __future__ import annotations

from html.parser import HTMLParser

VOID = {"input", "br", "meta", "img", "hr", "link"}


class Tree(HTMLParser):
    """Each element: (tag, attributes, text inside it, ancestors' tags and attributes)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.open: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "ancestors": list(self.open)}
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element["text"] += data

    def by_id(self, ident: str) -> dict | None:
        return next((e for e in self.elements if e["attrs"].get("id") == ident), None)


class TextRuns(HTMLParser):
    """Each run of text with the open elements (and their attributes) around it."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, dict]] = []
        self.runs: list[tuple[str, list[tuple[str, dict]]]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "input", "br"):  # void elements: nothing inside them
            self.open.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):  # <path .../>: nothing inside it
        pass

    def handle_endtag(self, tag):
        while any(t == tag for t, _ in self.open):
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        self.runs.append((data, list(self.open)))
