"""The person's facts as durable-rules facts (engine/pipeline/encode.py) keep their
texts: held against a plain restatement of what compile.py says the facts look like,
and against the adapter's general encoding, text for text."""
from __future__ import annotations

from pathlib import Path

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine
from pathfit.engine.pipeline.fact_text import FactTexts, _encode, encode, number_fact, number_prefix
from pathfit.engine.pipeline.encode import Encoder
from tools import synth

HERE = Path(__file__).parent


def _plain(compiled, facts: dict, failed: list) -> list[dict]:
    """The facts, in order, written out from the compiled rule set."""
    observed, ids = compiled.observed, compiled.fact_ids
    out = []
    for f in compiled.ruleset.inputs:
        name = f.name
        if name not in facts:
            if ("i", name) in observed:
                out.append({"t": "i", "n": name, "k": 0, "id": ids[("i", name)]})
        elif f.type == "set":
            if ("i", name) in observed:
                out.append({"t": "i", "n": name, "k": 1, "id": ids[("i", name)]})
            out += [{"t": "m", "n": name, "m": m, "v": m in facts[name], "id": ids[("m", name, m)]}
                    for m in f.values if ("m", name, m) in observed]
        elif ("i", name) in observed:
            out.append({"t": "i", "n": name, "k": 1, "v": facts[name], "id": ids[("i", name)]})
    return out + [{"t": "d", "n": fact, "v": False, "id": ids[("d", fact)]} for fact in failed]


@pytest.mark.parametrize("which", ["bundled", "synthetic", "valued"])
def test_a_person_is_encoded_as_written_out(which, tmp_path):
    if which == "synthetic":
        synth.write_rule_base(tmp_path / "rules", 80, seed=31)
        engine = Engine.load(tmp_path / "rules")
    else:
        engine = Engine.load() if which == "bundled" else Engine.load(HERE / "fixtures" / which)
    compiled, texts = engine.compiled, FactTexts()
    failed = sorted(f for f, rules in compiled.fail_closures.items() if not rules)
    encoder = Encoder(compiled)
    for known in (1.0, 0.6, 0.2):
        for person in synth.profiles(engine.ruleset, 30, seed=7, known_fraction=known):
            facts = engine.check(person)
            ours, plain = encoder.person(facts, failed), _plain(compiled, facts, failed)
            assert ours == plain
            assert [texts(f) for f in ours] == [_encode(f) for f in plain]
    engine.close()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False)))
def test_a_number_fact_has_the_general_encodings_text(value):
    base = {"t": "i", "n": "years", "k": 1, "id": "i3"}
    assert number_fact(number_prefix(base), base, value).text == _encode(dict(base, v=value))


AWKWARD = ["", "plain", 'a "quote"', "back\\slash", "tab\there", "line\nbreak", "\x00", "\x1f", "\x7f", "caf\u00e9",
           "\u2028", "\ud83d\ude00", "\U0001f600", "\ufeff", "~ space ", "<>&'"]


def test_the_fact_writer_is_json_dumps_on_awkward_values():
    """encode writes most facts itself (json stays unimported on a CLI start); the bytes
    the core reads must be json.dumps(..., sort_keys=True)'s, whoever writes them."""
    values = AWKWARD + [0, -1, 7, 10**30, -(10**30), True, False, None, 0.5, -0.0, 1e-05, 1e300, 2.5e-300,
                        float("nan"), float("inf"), -float("inf"), [1, "a"], {"x": 1}, (2,)]
    for value in values:
        for key in ("v", "a", "zz", "k\u00e9y", 'q"k'):
            fact = {"t": "i", "id": "i1", key: value}
            assert encode(fact) == json.dumps(fact, sort_keys=True), fact
    assert encode({}) == json.dumps({}) and encode({3: "int key"}) == json.dumps({3: "int key"}, sort_keys=True)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.one_of(st.text(max_size=8), st.booleans(), st.none(),
                                                      st.integers(-10**25, 10**25), st.floats()), max_size=6))
def test_the_fact_writer_is_json_dumps_on_any_flat_fact(fact):
    assert encode(fact) == json.dumps(fact, sort_keys=True)


def test_a_session_left_holding_its_sentinel_is_recognised_without_json():
    """After a person's facts are retracted the core lists the session's sentinel fact as
    the text it was asserted with; that text is what _only_sentinel recognises first."""
    from pathfit.engine.pipeline import durable_adapter as adapter

    engine = Engine.load()
    runner = engine._runner
    engine.evaluate({"goal_clarity": "specific"})
    ((sid, _, tail),) = runner.engine._idle
    stored = adapter._core.get_facts(runner.engine._handle, sid)
    assert stored == "[" + runner.engine._texts(adapter._SENTINEL_FACT) + tail + "]"
    assert adapter._only_sentinel(stored, runner.engine._texts(adapter._SENTINEL_FACT) + tail, sid)
    assert json.loads(stored) == [dict(adapter._SENTINEL_FACT, sid=sid)]
    spaced = stored.replace('", "', '",  "')  # the same facts written otherwise: parsed, still recognised
    assert adapter._only_sentinel(spaced, "x", sid) and not adapter._only_sentinel("[]", "x", sid)
    engine.close()


def test_a_compact_definition_text_keeps_the_exponent_rewrite():
    """The rule set's text is registered compact (durable_adapter.ruleset_text); a float in
    exponent form still gets its decimal point, and nothing else changes but the spaces."""
    from pathfit.engine.pipeline.fact_text import dumps

    value = {"b": [1e-05, 2.5e+300, "x, y: z"], "a": {"pri": 3}}
    assert dumps(value, compact=True) == '{"a":{"pri":3},"b":[1.0e-05,2.5e+300,"x, y: z"]}'
    assert dumps(value) == '{"a": {"pri": 3}, "b": [1.0e-05, 2.5e+300, "x, y: z"]}'
    assert json.loads(dumps(value, compact=True)) == json.loads(dumps(value)) == value
