"""Located values read from libyaml's events (located_events.read_plain) are the values
the full path (compose, then located's builder) gives: the same keys, values of the same
types, positions, YAML 1.1 notes and numbers as written, on every rule file this
repository ships and on a synthetic base. Every text read_plain gives up on is one where
the full path has something to say or to check (a tag, an anchor, an alias, a key that
is not a plain string, a scalar it reports, the depth cap, a directive, a second
document, bad YAML), and parse_yaml then reports exactly what the full path reports."""
from __future__ import annotations

import pytest

from pathfit.engine.errors import Collector, PathfitError
from pathfit.engine.pipeline import load, located
from pathfit.engine.pipeline.located import MAX_DEPTH, NONE_NOTED
from pathfit.engine.pipeline.located_events import NOT_PLAIN, read_plain
from tools import synth

from .helpers import HERE, ROOT


def _exactly(value):
    """Everything a located value holds, with each scalar's type (1, 1.0 and True differ)."""
    if isinstance(value, located.Map):
        return ("map", value.label, value.line, value.col, repr(value.marks), repr(value.surprises),
                repr(value.as_written), value.surprises is NONE_NOTED, value.as_written is NONE_NOTED,
                [(k, _exactly(v)) for k, v in value.items()])
    if isinstance(value, located.Seq):
        return ("seq", value.label, value.line, value.col, repr(value.marks), repr(value.surprises),
                value.surprises is NONE_NOTED, [_exactly(v) for v in value])
    return (type(value).__name__, repr(value))


def _full(text: str, label: str = "f.yaml"):
    """What the full path gives: the value (or None) and the problems."""
    nodes = load._compose(text, load._Loader)
    out = Collector()
    value = located.build_document(nodes[0], text, label, out) if nodes and nodes[0] is not None else None
    return value, [tuple(p) for p in out.problems]


def _plain(text: str, label: str = "f.yaml"):
    assert located.is_quick(text)
    return read_plain(text, label, load._BASE_LOADER)


def _shipped_files():
    """Every shipped YAML file that parse_yaml would read from events (a quick text)."""
    for path in sorted([*ROOT.glob("rules/*.yaml"), *HERE.glob("fixtures/*/*.yaml"), *ROOT.glob("examples/*.yaml")]):
        if located.is_quick(path.read_text(encoding="utf-8")):
            yield path


@pytest.mark.parametrize("path", list(_shipped_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_files_read_the_same_from_events(path):
    text = load.read_text(path, str(path))
    value = _plain(text, str(path))
    full, problems = _full(text, str(path))
    if value is NOT_PLAIN:
        assert problems or full is None or not isinstance(full, (located.Map, located.Seq)), path
        return
    assert not problems and _exactly(value) == _exactly(full)


def test_a_synthetic_base_reads_the_same_from_events(tmp_path):
    synth.write_rule_base(tmp_path, 120, seed=4)
    for path in sorted(tmp_path.glob("*.yaml")):
        text = path.read_text()
        value = _plain(text, str(path))
        assert value is not NOT_PLAIN, path
        assert _exactly(value) == _exactly(_full(text, str(path))[0])


@pytest.mark.parametrize("text", [
    "a: 1\nb: 1.0\nc: true\nd: null\ne: ~\nf: 2001-12-14\ng: 010\nh: 0x10\ni: 1_000\nj: .inf\nk: -.NaN\n",
    "a: [yes, no, on, 'no', \"yes\", 07, +012, y, N]\nb: {c: Off, d: '010', e: 1e3}\n",
    "a: |\n  text\n  more\nb: >\n  folded\n  text\nc: \"quoted: x\"\nd: 'single'\n",
    "- 1\n- [2, [3, {x: y}]]\n- {}\n- []\n- ''\n- \n",
    "rules:\n  - {id: r, when: {all: [{fact: a, equals: 'no'}, {not: {fact: b, is: known}}]}}\n",
    "key with spaces: v\n'quoted key': w\n\"<x>\": z\n",
    "a: 1:30\nb: [1:30, -1:30.5]\nc: 12:00\n",  # YAML 1.1's base 60: read, and noted as written (refused later)
])
def test_plain_texts_read_the_same_from_events(text):
    value = _plain(text)
    assert value is not NOT_PLAIN
    full, problems = _full(text)
    assert not problems and _exactly(value) == _exactly(full)


def _block(depth: int) -> str:
    """Block mappings and sequences nested `depth` deep."""
    lines = ["  " * i + (f"k{i}:" if i % 2 == 0 else f"- k{i}:") for i in range(depth)]
    return "\n".join(lines + ["  " * depth + "leaf: no"]) + "\n"


def _parse(text: str):
    try:
        return "ok", _exactly(load.parse_yaml(text, "f.yaml", allow_empty=True))
    except PathfitError as exc:
        return "error", [tuple(p) for p in exc.problems]


@pytest.mark.parametrize("text", [
    "a: !!str 1\n", "a: !custom x\n", "a: !!map {b: 1}\n", "!!map {a: 1}\n",  # tags of their own
    "a: *x\n",  # an alias (undefined)
    "a: 1\na: 2\n", "<<: {a: 1}\n", "1: x\n", "true: x\n", "null: x\n", "[a]: x\n", "{a: 1}: x\n",  # keys
    "a: =\n", "a: <<\n",  # scalars the full path reports
    _block(MAX_DEPTH), _block(MAX_DEPTH + 2),  # at and past the depth cap
    "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n", "", "# only a comment\n", "just text\n", "42\n",
    "a: [1, 2\n", "a: b: c\n", "a:\n  - x\n y: 1\n",  # bad YAML
])
def test_texts_it_gives_up_on_are_read_by_the_full_path_alone(text, monkeypatch):
    assert _plain(text) is NOT_PLAIN
    with_events = _parse(text)
    monkeypatch.setattr(load, "read_plain", lambda *args: NOT_PLAIN)
    assert with_events == _parse(text)


@pytest.mark.parametrize("depth", range(MAX_DEPTH - 3, MAX_DEPTH + 3))
def test_nesting_near_the_cap_reads_the_same_with_or_without_events(depth, monkeypatch):
    text = _block(depth)
    value = _plain(text)
    if value is not NOT_PLAIN:
        full, problems = _full(text)
        assert not problems and _exactly(value) == _exactly(full)
    with_events = _parse(text)
    monkeypatch.setattr(load, "read_plain", lambda *args: NOT_PLAIN)
    assert with_events == _parse(text)


@pytest.mark.parametrize("first", [None, "m"])
def test_a_resolver_for_more_texts_is_asked_as_the_full_path_asks_it(first, monkeypatch):
    """read_plain answers `str` without asking the resolver for a text whose first character
    starts no implicit resolver's pattern; a resolver registered for any first character
    (None) or for this one must then be asked, as the full path asks it."""
    import re

    table = {k: list(v) for k, v in load._BASE_LOADER.yaml_implicit_resolvers.items()}
    # null, which any text may be read as: a boolean is one of its words (`!!bool magic` is PF203)
    table.setdefault(first, []).append(("tag:yaml.org,2002:null", re.compile(r"^magic$")))
    monkeypatch.setattr(load._BASE_LOADER, "yaml_implicit_resolvers", table)
    text = "a: magic\nb: [magic, mundane, other]\n"
    value = _plain(text)
    full, problems = _full(text)
    assert not problems and value is not NOT_PLAIN and _exactly(value) == _exactly(full)
    assert value["a"] is None and value["b"] == [None, "mundane", "other"]
