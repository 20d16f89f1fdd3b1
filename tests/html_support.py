"""A page's elements as an accessibility checker reads them: each with its attributes, its
text and its ancestors, found by id (html.parser from the standard library, no browser)."""
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
