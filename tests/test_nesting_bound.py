"""load._flow_depth_ok walks a text's brackets one by one only when _nesting_bound, worked
out at C speed, does not clear it; the bound must never be below the depth the walk
reaches. Checked here against that walk, written out as the reference, on random bracket
texts (both kinds, unmatched closers and openers, other characters, non-ASCII text)."""
from __future__ import annotations

import random

import pytest

from pathfit.engine.errors import PathfitError
from pathfit.engine.pipeline import load
from pathfit.engine.pipeline.located import MAX_DEPTH


def _deepest(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def test_the_bound_is_never_below_the_walks_depth():
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice("[]{}[{a, é\n") for _ in range(rng.randrange(0, 60)))
        bound = load._nesting_bound(text)
        assert bound >= _deepest(text), text
        if "]" not in text and "}" not in text:
            assert bound == _deepest(text)  # openers alone: exactly their count


@pytest.mark.parametrize("text", ["[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
                                  "{a: " * (MAX_DEPTH + 1),
                                  "]]" + "[]" * 100 + "[" * (MAX_DEPTH + 1)])
def test_a_text_nested_too_deep_still_gets_the_walks_error(text):
    with pytest.raises(PathfitError) as info:
        load._flow_depth_ok(text, "f.yaml")
    (problem,) = info.value.problems
    assert problem.code == "PF107" and problem.pos.line == 1
    assert text[problem.pos.col - 1] in "[{" and _deepest(text[:problem.pos.col]) == MAX_DEPTH + 1


def test_flow_style_files_deep_only_in_total_pass_without_a_walk(monkeypatch):
    text = "rules:\n" + "".join(f"  - {{id: r{i}, when: {{all: [{{fact: a, equals: b}}]}}}}\n" for i in range(200))
    monkeypatch.setattr(load.re, "finditer", None)  # the walk would fail
    load._flow_depth_ok(text, "f.yaml")
