"""Regression: a knowledge-base heading holding a reference link (`## See [the guide][g] <a
id="focus"></a>`, with `[g]: https://...` defined elsewhere in the file) was read on its own,
without the file's link definitions, so the link was not one and every view named the section
"See [the guide][g]" where the knowledge base's page shows "See the guide". The file's
definitions are now read once a heading needs them; a reference with no definition stays text,
brackets and all, as the page shows it."""
from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import tiny_copy

DEFINED = "\n[g]: https://example.com/guide\n[Short]: https://example.com/short\n"
CASES = {  # the heading as written -> the words the rendered page shows
    "See [the guide][g] now": "See the guide now",
    "See [short][] and [SHORT]": "See short and SHORT",
    "See [nowhere][none]": "See [nowhere][none]",
}


def _page_words(heading: str) -> str:
    """The heading's words as a CommonMark renderer's HTML shows them: the independent reference."""
    h2 = re.search(r"<h2>(.*)</h2>", MarkdownIt("commonmark").render(f"## {heading}\n{DEFINED}")).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", h2))


def test_a_reference_link_in_a_heading_is_named_by_its_text(tmp_path):
    for written, shown in CASES.items():
        rules = tiny_copy(tmp_path / str(len(written)))
        kb = rules / "kb.md"
        text = kb.read_text().replace('## Focus <a id="focus"></a>', f'## {written} <a id="focus"></a>') + DEFINED
        kb.write_text(text)
        assert _page_words(written) == shown  # what the page shows
        assert read_ruleset(rules).sections["focus"] == shown, written
