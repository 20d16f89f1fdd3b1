"""A firing's `matched` (the facts the rule fired on) is written from the compiled
alternative that fired and the person's facts (run.match_specs), not parsed from the
bindings durable-rules hands back. Held here against those bindings themselves: on
every firing of many people (complete and partial; numbers, enums, sets, derived facts
true and false, `is: known` and `is: unknown`), the two are equal, value for value.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.engine import Engine
from pathfit.engine.pipeline import firings as records
from tools import synth

from .helpers import synthetic_engine

HERE = Path(__file__).parent


def _from_bindings(bindings: dict) -> tuple:
    """What the core says each binding matched, in binding order (a0, a1, ...)."""
    out = []
    for key in sorted(bindings, key=lambda b: int(b[1:])):
        f = bindings[key]
        if f["t"] == "i":
            if f["k"] == 0:
                out.append({"fact": f["n"], "known": False})
            elif "v" in f:
                out.append({"fact": f["n"], "value": f["v"]})
            else:
                out.append({"fact": f["n"], "known": True})
        elif f["t"] == "m":
            out.append({"fact": f["n"], "member": f["m"], "value": f["v"]})
        else:
            out.append({"fact": f["n"], "value": f["v"]})
    return tuple(out)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Iterator[Engine]:
    with synthetic_engine(tmp_path_factory, 150, seed=23) as engine:
        yield engine


@pytest.mark.parametrize("which", ["bundled", "synthetic", "tabled", "valued"])
def test_matched_is_what_the_core_bound(which, synthetic, monkeypatch):
    engine = synthetic if which == "synthetic" else \
        Engine.load() if which == "bundled" else Engine.load(HERE / "fixtures" / which)
    actions = engine.compiled.actions
    first: dict = {}  # rule index -> the bindings of its first firing
    real = adapter.DurableRuleset.evaluate

    def spying(self, facts, on_action, limit):
        def spy(name, bindings):
            kind, ref = actions[name]
            if kind == "fire" and ref not in first:
                first[ref] = bindings()
            return on_action(name, bindings)
        return real(self, facts, spy, limit)

    monkeypatch.setattr(adapter.DurableRuleset, "evaluate", spying)
    people = []
    for i, known in enumerate((1.0, 0.7, 0.4)):
        people += synth.profiles(engine.ruleset, 40, seed=61 + i, known_fraction=known)
    compared = 0
    index = {r.id: i for i, r in enumerate(engine.ruleset.rules)}
    for person in people:
        first.clear()
        result = engine._runner.run(engine.check(person))
        for firing in result.firings:
            assert tuple(firing.matched) == _from_bindings(first[index[firing.rule]]), (person, firing.rule)
            compared += 1
    assert compared > 100


def test_each_reading_of_matched_gives_new_dicts():
    """A firing's matched facts are written out when read; two traces of one decision
    never share one, so changing one trace's matched fact changes no other."""
    engine = Engine.load()
    person = synth.profiles(engine.ruleset, 1, seed=3, known_fraction=1.0)[0]
    firing = next(f for f in engine.evaluate(person)._result.firings if len(f.matched))
    first, second = firing.to_dict()["matched"], firing.to_dict()["matched"]
    assert first == second and all(a is not b for a, b in zip(first, second))
    first[0]["fact"] = "changed"
    assert firing.to_dict()["matched"] == second


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_a_firing_written_from_its_rules_shape_is_the_dict_written_field_by_field(which, synthetic):
    """firing_dicts writes a recorded firing from its rule's dict made once; it must be the
    dict written from the firing's own fields, keys in the same order, and share no list
    or dict with another trace."""
    engine = synthetic if which == "synthetic" else Engine.load()
    seen = set()
    for person in synth.profiles(engine.ruleset, 60, seed=71, known_fraction=0.8):
        firings = engine.evaluate(person)._result.firings
        first, second = records.firing_dicts(firings), records.firing_dicts(firings)
        for firing, a, b in zip(firings, first, second):
            step, rule, matched, derived, evidence, suggest, refer, not_now = firing
            expected = {"step": step, "rule": rule, "matched": list(matched)}
            expected.update({k: v for k, v in (("derived", list(derived)), ("evidence", dict(evidence)),
                                               ("suggest", list(suggest)), ("refer", refer),
                                               ("not_now", not_now or None)) if v})
            assert a == expected and list(a) == list(expected)
            for key, value in a.items():
                if isinstance(value, (list, dict)):
                    assert value is not b[key]
                    seen.add(key)
    assert {"matched", "derived", "evidence"} <= seen
