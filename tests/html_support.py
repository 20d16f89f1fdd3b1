"""Reading the HTML pathfit writes (the report, the web page) as a reader's tools see it: each
run of text with the elements around it, so a test can say what marks a piece of text."""
from __future__ import annotations

from html.parser import HTMLParser


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
