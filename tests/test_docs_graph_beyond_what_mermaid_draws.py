"""`pathfit docs` wrote its dependency graph whatever its size: on a few hundred generated
rules it had over a thousand arrows (Mermaid, which GitHub and most Markdown viewers use,
draws at most 500, or 50,000 characters, and shows an error box instead), and on 3,000
rules half a megabyte of flowchart no viewer draws. Past those limits the catalogue now
says how large the graph is and where to see one rule's or one fact's part of it; a graph
within them is written as before."""
from __future__ import annotations

import re

import pytest

from pathfit.engine.authoring.catalogue import render
from pathfit.engine.authoring.catalogue_graph import MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, mermaid

from .helpers import synthetic_engines

ARROW = re.compile(r"^  \S+ -\.?->? \S+$", re.M)


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


def _graph_section(text: str) -> str:
    return text.split("## Dependency graph\n", 1)[1]


def _blocks(text: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)^```$", text, re.M | re.S)


def test_the_bundled_rules_graph_is_still_drawn_whole(engines):
    rs = engines(0, 0).ruleset
    blocks = _blocks(render(rs, "kb.md"))
    assert blocks == ["\n".join(mermaid(rs)) + "\n"]
    assert len(ARROW.findall(blocks[0])) <= MERMAID_MAX_EDGES


@pytest.mark.parametrize("n_rules", [300, 1000])
def test_no_flowchart_is_written_past_what_mermaid_draws(engines, n_rules):
    rs = engines(n_rules, 11).ruleset
    full = "\n".join(mermaid(rs))
    arrows = len(ARROW.findall(full))
    assert arrows > MERMAID_MAX_EDGES  # the generated set's whole graph is past the limit
    text = render(rs, "kb.md")
    assert _blocks(text) == []
    section = _graph_section(text)
    assert f"has {arrows:,} arrows in {len(full):,} characters" in section
    assert "`pathfit rules show RULE --deps`" in section
    assert "`pathfit rules list --reads FACT --through`" in section


def test_every_flowchart_written_is_within_mermaids_limits_and_the_section_does_not_grow(engines):
    sizes = []
    for n_rules in (0, 300, 1000):
        text = render(engines(n_rules, 11).ruleset, "kb.md")
        for block in _blocks(text):
            assert len(ARROW.findall(block)) <= MERMAID_MAX_EDGES
            assert len(block) <= MERMAID_MAX_TEXT
        sizes.append(len(_graph_section(text)))
    # the section past the limit is a paragraph, the same size at 300 and at 1,000 rules
    assert sizes[1] < 1000 and abs(sizes[2] - sizes[1]) < 20, sizes
