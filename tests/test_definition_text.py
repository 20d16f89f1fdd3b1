"""fact_text.definition_text writes the text the C core registers, each shared binding
body once; it must be exactly dumps' compact text (json.dumps with sorted keys and no spaces, exponents
rewritten for the core) for every definition: compiled ones (bundled rules, fixtures, a
synthetic base) and hand-made ones of other shapes, which it hands to dumps."""
from __future__ import annotations

import pytest

from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.compile import compile_ruleset
from pathfit.engine.pipeline.durable_adapter import ruleset_text
from pathfit.engine.pipeline.fact_text import definition_text, dumps
from pathfit.engine.pipeline.ruleset import read_ruleset
from tools import synth

from .helpers import HERE

FIXTURES = sorted(p.name for p in (HERE / "fixtures").iterdir() if (p / "schema.yaml").is_file())


@pytest.mark.parametrize("name", ["bundled", *FIXTURES])
def test_compiled_definitions_are_written_as_dumps_writes_them(name):
    compiled = compile_ruleset(read_ruleset(bundled_rules_dir() if name == "bundled" else HERE / "fixtures" / name))
    assert definition_text(compiled.definition) == dumps(compiled.definition, compact=True)
    assert compiled.text == ruleset_text(compiled.definition)


def test_a_synthetic_definition_with_shared_bodies_is_written_as_dumps_writes_it(tmp_path):
    synth.write_rule_base(tmp_path, 300, seed=5)
    compiled = compile_ruleset(read_ruleset(tmp_path))
    assert definition_text(compiled.definition) == dumps(compiled.definition, compact=True)


BODY = {"$and": [{"t": "i"}, {"n": "h\u00e9\"x"}, {"k": 1}, {"$lt": {"v": 2.5}}]}


@pytest.mark.parametrize("definition", [
    {},
    {"b": {"pri": 3, "all": [{"a1": BODY}, {"a0": BODY}]}, "a": {"all": [], "pri": -1}},
    {"x": {"all": [{"a0": {"$and": [{"v": 1e-05}]}}], "pri": 1000}},  # exponent: dumps rewrites it
    {"x": {"all": [{"a0": {"$and": [{"v": 1e+16}, {"n": "e-mail"}]}}], "pri": 1000}},
    {"x": {"all": [{"a0": BODY}], "pri": True}},  # other shapes: dumps' own text
    {"x": {"all": [{"a0": BODY}], "pri": 1.5}},
    {"x": {"all": [{"a0": BODY, "a1": BODY}], "pri": 1}},
    {"x": {"all": [{"a0": BODY}], "pri": 1, "count": 2}},
    {"x": {"any": [{"a0": BODY}], "pri": 1}},
    {"x": {"all": ({"a0": BODY},), "pri": 1}},
    {"x": {"all": [{1: BODY}], "pri": 1}},
    {"x": {"all": [[BODY]], "pri": 1}},
])
def test_hand_made_definitions_are_written_as_dumps_writes_them(definition):
    assert definition_text(definition) == dumps(definition, compact=True)
