"""`docs` draws its dependency graph up to Mermaid's limits and not one past: Mermaid draws a
flowchart of exactly 500 arrows and refuses a 501st ("Edge limit exceeded"), and takes a
text of exactly 50,000 characters. The generated rule sets the other docs tests use are far
on one side or the other, so a limit off by one either way went unseen; here the limits are
set to the bundled graph's own size, and one below it."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.authoring import catalogue_graph
from pathfit.engine.authoring.catalogue_graph import graph_section, mermaid


@pytest.fixture(scope="module")
def ruleset():
    with Engine.load() as engine:
        yield engine.ruleset


def _size(rs) -> tuple[int, int]:
    lines = mermaid(rs)
    return sum(1 for line in lines if " --> " in line or " -.-> " in line), len("\n".join(lines))


def _drawn(section: list[str]) -> bool:
    return "```mermaid" in section


@pytest.mark.parametrize("which, limit, said", [(0, "MERMAID_MAX_EDGES", "has {:,} arrows"),
                                               (1, "MERMAID_MAX_TEXT", "in {:,} characters")])
def test_a_graph_of_exactly_a_limit_is_drawn_and_one_more_is_not(ruleset, monkeypatch, which, limit, said):
    size = _size(ruleset)[which]
    monkeypatch.setattr(catalogue_graph, limit, size)
    assert _drawn(graph_section(ruleset))
    monkeypatch.setattr(catalogue_graph, limit, size - 1)
    section = graph_section(ruleset)
    assert not _drawn(section) and said.format(size) in section[0], section[0]


def test_the_limits_are_mermaids_own():
    assert (catalogue_graph.MERMAID_MAX_EDGES, catalogue_graph.MERMAID_MAX_TEXT) == (500, 50_000)
