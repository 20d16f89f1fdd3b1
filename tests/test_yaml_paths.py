"""The fast way of reading YAML gives exactly what the plain way gives.

Rule files are composed by libyaml through a loader that remembers the tags it
resolved and tracks no resolver path (load._Loader), and the located values are
built with a short path for string scalars when the text allows it
(located._Builder, `quick`). Each is held here against a plain counterpart:
PyYAML's own pure-Python SafeLoader (the fallback without libyaml) and the
builder's full path, on every rule file shipped or used by the tests, on a
synthetic rule base and on broken and generated documents; and the positions
against a separate walk of PyYAML's node graph written here.
"""
from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.engine import PathfitError
from pathfit.engine.pipeline import load, located
from pathfit.engine.pipeline.load import Map, Seq, parse_yaml
from tools import synth

from .helpers import HERE, ROOT

RULE_FILES = sorted([*(ROOT / "rules").rglob("*.yaml"), *(HERE / "fixtures").rglob("*.yaml"),
                     *(ROOT / "examples").glob("*.yaml")])


def _plain(value):
    """A located value as plain data, with every position and note it carries."""
    if isinstance(value, Map):
        return ("map", value.label, value.line, value.col, {k: _plain(v) for k, v in value.items()},
                dict(value.marks), dict(value.surprises), dict(value.as_written))
    if isinstance(value, Seq):
        return ("seq", value.label, value.line, value.col, [_plain(v) for v in value], list(value.marks),
                dict(value.surprises))
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    return (type(value).__name__, value)


def _read(text: str, loader: type, quick: bool | None) -> tuple:
    """parse_yaml with the given loader, the builder's short path allowed (None: as the
    text decides) or refused; -> ("ok", plain value) or ("error", problems)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(load, "_Loader", loader)
        if quick is False:
            m.setattr(located, "_Builder", _FullPathBuilder)
        try:
            return "ok", _plain(parse_yaml(text, "f.yaml", allow_empty=True))
        except PathfitError as exc:
            return "error", [tuple(p) for p in exc.problems]


class _FullPathBuilder(located._Builder):
    def __init__(self, label, out, quick=False):
        super().__init__(label, out, False)


def _reference_marks(node: yaml.Node) -> object:
    """Positions straight from PyYAML's node graph: what every mark must say."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: ((k.start_mark.line + 1, k.start_mark.column + 1, v.start_mark.line + 1,
                           v.start_mark.column + 1), _reference_marks(v)) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [((v.start_mark.line + 1, v.start_mark.column + 1), _reference_marks(v)) for v in node.value]
    return None


def _marks_of(value) -> object:
    if isinstance(value, Map):
        return {k: (value.marks[k], _marks_of(v)) for k, v in value.items()}
    if isinstance(value, Seq):
        return [(m, _marks_of(v)) for m, v in zip(value.marks, value)]
    return None


def test_rule_files_exist():
    assert len(RULE_FILES) > 40


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_rule_file_reads_the_same_every_way(path):
    text = load.read_text(path, "f.yaml")
    fast = _read(text, load._Loader, None)
    assert fast == _read(text, yaml.SafeLoader, False)
    assert fast == _read(text, load._BASE_LOADER, False)
    if fast[0] == "ok" and fast[1][0] != "NoneType":
        value = parse_yaml(text, "f.yaml")
        assert _marks_of(value) == _reference_marks(yaml.compose(text, Loader=yaml.SafeLoader))


def test_a_synthetic_rule_base_reads_the_same_every_way(tmp_path):
    synth.write_rule_base(tmp_path, 30, seed=11)
    for path in sorted(tmp_path.glob("*.yaml")):
        text = path.read_text()
        fast = _read(text, load._Loader, None)
        assert fast[0] == "ok"
        assert fast == _read(text, yaml.SafeLoader, False)


BROKEN = [
    "a: 1\na: 2\n", "a: 1\nb:\n  c: 2\n  c: 3\n", "<<: {a: 1}\n", "? !!merge <<\n: 1\n", "1: a\n", "[1]: a\n",
    "null: a\n", "true: x\nyes: y\n", "a: !!int x\n", "a: !!float x\n", "a: !!binary aGk=\n", "a: !!set {x}\n",
    "a: !custom 1\n", "a: !!python/object:os.system x\n", "a: 99999999999999999999999999999999999999999999999999"
    "999999999999999999999999999999999999999999999999999\n", "a: 1:30\n", "a: &s [1]\nb: *s\nc: *s\n",
    "&k a: 1\n*k : 2\n", "a: \"\\e\"\n", "a: !!str \"\\a\"\n", "a: " + "[" * 70 + "]" * 70 + "\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "end\n",
    "rules:\n  - id: x.a\n   reason: r\n", "a:\n\t- b\n", "a: [1, 2\n", "a: b: c\n", "a: 'open\n",
    'a: "bad \\q escape"\n', "a: *nope\n", "--- 1\n--- 2\n", "key: value\n- item\n", "\ta: 1\n", "a: @b\n",
    "", "# only\n", "~\n", "a: no\nb: [yes, Off, 017, 0o17, 0x1f, 1_000, 1e3, .5, -.inf, .NaN, 2001-12-14]\n",
    "a: +12\nb: -0\nc: 00\nd: 1.\ne: 0b\nf: 'yes'\ng: \"no\"\nh: |\n  no\n",
    "a: 3\nb: '3'\nc: yes\nd: 'yes'\ne: [3, '3', \"3\", yes, 'yes']\nf: null\ng: 'null'\n",
    "a: !!str no\nb: [!!str yes, !!str 017, 'no', no]\n!!str on: 1\n", "'<<': 1\nb: 2\n", "!!str <<: 1\n",
    '"<<": {a: 1}\n<<: {b: 2}\n',
]


@pytest.mark.parametrize("text", BROKEN)
def test_broken_and_odd_documents_give_the_same_problems(text):
    """Same problems, codes, messages and positions, with and without the short path and
    the remembered tags. (PyYAML's pure loader words syntax errors unlike libyaml, so it
    is the reference here only where there is no syntax error.)"""
    fast = _read(text, load._Loader, None)
    assert fast == _read(text, load._BASE_LOADER, False)
    if not (fast[0] == "error" and any(p[0] == "PF102" for p in fast[1])):
        assert fast == _read(text, yaml.SafeLoader, False)


_TOKENS = ["a", "b", "no", "yes", "0o7", "017", "1_0", "3", "-2.5", "~", "'q'", '"d"', "<<", "&x", "*x",
           "!!str", "!!int", "[", "]", "{", "}", ",", ": ", "\n", "\n  ", "\n- ", "- ", "#c", "\\t", "\"\\a\""]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14))
def test_generated_documents_read_the_same_both_ways(tokens):
    text = "k: " + " ".join(tokens) + "\nz: [" + ", ".join(tokens[:3]) + "]\n"
    if "[" in text and text.count("[") > 60:
        return
    assert _read(text, load._Loader, None) == _read(text, load._BASE_LOADER, False)


def test_the_libyaml_loader_is_the_one_used_when_present():
    if yaml.__with_libyaml__:
        assert issubclass(load._Loader, yaml.CSafeLoader)
    else:
        assert load._Loader is yaml.SafeLoader
