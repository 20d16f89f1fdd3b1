"""Regression: a knowledge-base heading written with inline Markdown or HTML
(`## Focus &amp; <em>aims</em> \\`x<y\\` <a id="focus"></a>`) was shown by its source, markup
and all: `rules show` printed "Focus &amp; <em>aims</em> `x<y`", the interview's why told HR
staff the same, and `docs` linked to the section with that source as its words, escaped so the
catalogue showed the tags and the entity where the knowledge base's page shows "Focus & aims
x<y". A section's title is now the heading's words as the page renders them (CommonMark, with
GitHub's strikethrough): entities decoded, tags dropped, code spans as their text; the anchor,
cited and linked, is unchanged."""
from __future__ import annotations

import json

from click.testing import CliRunner
from markdown_it import MarkdownIt

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.labels import rule_sources

from .helpers import tiny_copy

HEADING = "Focus &amp; <em>aims</em> `a&amp;b` ~~old~~ *now* \\*"
SHOWN = "Focus & aims a&amp;b old now *"


def _rules(tmp_path):
    rules = tiny_copy(tmp_path)
    kb = rules / "kb.md"
    kb.write_text(kb.read_text().replace('## Focus <a id="focus"></a>', f'## {HEADING} <a id="focus"></a>'))
    return rules


def test_the_rendered_page_shows_what_pathfit_calls_the_title():
    """The expectation itself, read from a CommonMark renderer, so the test cannot drift."""
    html = MarkdownIt("commonmark").enable("strikethrough").render(f"## {HEADING}")
    assert "Focus &amp; <em>aims</em> <code>a&amp;amp;b</code> <s>old</s> <em>now</em> *" in html


def test_every_view_names_the_section_by_its_rendered_words(tmp_path):
    rules = _rules(tmp_path)
    engine = Engine.load(rules)
    try:
        assert engine.ruleset.sections["focus"] == SHOWN
        assert rule_sources(engine.ruleset, "d.broad") == SHOWN
    finally:
        engine.close()
    shown = CliRunner().invoke(cli, ["rules", "show", "d.broad", "--rules", str(rules)])
    assert shown.exit_code == 0, shown.output
    assert f"cites:   kb#focus  {SHOWN}" in shown.stdout
    as_json = CliRunner().invoke(cli, ["rules", "show", "d.broad", "--rules", str(rules), "--format", "json"])
    assert json.loads(as_json.stdout)["rule"]["titles"] == {"focus": SHOWN}


def test_the_catalogue_links_the_anchor_with_the_words_the_page_shows(tmp_path):
    rules = _rules(tmp_path)
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--kb-link", "kb.md"])
    assert result.exit_code == 0, result.output
    html = MarkdownIt("commonmark").render(result.stdout)
    assert '<a href="kb.md#focus">Focus &amp; aims a&amp;amp;b old now *</a>' in html
