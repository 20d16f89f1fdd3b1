"""In quick mode (a text with no anchor, backslash or control character) the located
builder takes mappings and sequences with their own tag straight to _mapping and
_sequence, skipping build's checks, which would all pass. Both modes must give the same
values, positions, notes and problems, around the depth cap and with other tags."""
from __future__ import annotations

import pytest

from pathfit.engine.errors import Collector
from pathfit.engine.pipeline import load, located
from pathfit.engine.pipeline.located import MAX_DEPTH


def _block(depth: int) -> str:
    lines = []
    for i in range(depth):
        lines.append("  " * i + (f"k{i}:" if i % 2 == 0 else f"- k{i}:"))
    lines.append("  " * depth + "leaf: no")
    return "\n".join(lines) + "\n"


def _seen(value):
    if isinstance(value, located.Map):
        return ("map", value.line, value.col, dict(value.marks), dict(value.surprises), dict(value.as_written),
                {k: _seen(v) for k, v in value.items()})
    if isinstance(value, located.Seq):
        return ("seq", value.line, value.col, list(value.marks), dict(value.surprises), [_seen(v) for v in value])
    return value


def _both(text: str) -> tuple:
    (node,) = load._compose(text, load._Loader)
    results = []
    for quick in (True, False):
        out = Collector()
        value = located._Builder("f.yaml", out, quick).build(node, 0)
        results.append((_seen(value), [tuple(p) for p in out.problems]))
    return tuple(results)


@pytest.mark.parametrize("text", [
    _block(MAX_DEPTH - 2), _block(MAX_DEPTH - 1), _block(MAX_DEPTH), _block(MAX_DEPTH + 1), _block(MAX_DEPTH + 3),
    "a: !!map {b: [1, 010, yes]}\nc: !!seq [x, {d: 0x10}]\n",
    "a: !custom {b: 1}\nc: !other [x]\nd: {e: !!str 3, f: [!!int 4]}\n",
    "rules:\n  - {id: r, when: {all: [{fact: a, equals: 'no'}, {not: {fact: b, is: known}}]}}\n",
])
def test_quick_and_full_builds_agree(text):
    quick, full = _both(text)
    assert quick == full
