"""A derived fact fails through one of two closure forms (engine/pipeline/compile.py):
joining its derivers' negated conditions directly, or through one refutation fact per
deriver. Which form a closure takes is a matter of speed only.

Held here: compiled with every closure through refutation facts (`direct_limit=0`)
and with the default mix, the same people get byte-identical decisions (the whole JSON,
trace included) on the bundled rules and a synthetic base with negation over derived
facts; the refutation-only form still agrees with the reference evaluator (the default
form is compared with it in test_differential.py); both forms occur in that base; and
the direct form runs fewer durable-rules actions there.
"""
from __future__ import annotations

import json

from typing import Iterator

import pytest

from pathfit.engine import Engine
from pathfit.engine.pipeline.compile import DIRECT_TERMS, compile_ruleset
from tools import synth

from .helpers import synthetic_engine

from .test_differential import assert_agree, mixed_profiles


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Iterator[Engine]:
    with synthetic_engine(tmp_path_factory, 200, seed=29) as engine:
        yield engine


def _closure_forms(engine: Engine) -> tuple[set, set]:
    """(facts failed by a direct closure, facts failed through refutation facts)."""
    actions = engine.compiled.actions
    failing = {ref for kind, ref in actions.values() if kind == "fail"}
    through = {ref for name, (kind, ref) in actions.items() if kind == "fail" and name == f"fail:{ref}"}
    return failing - through, through


def _as_json(engine: Engine, people: list) -> list[str]:
    return [json.dumps(engine.evaluate(p).to_dict(), sort_keys=True) for p in people]


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_both_closure_forms_decide_byte_for_byte_the_same(which, base):
    engine = Engine.load() if which == "bundled" else base
    refuting = Engine(engine.ruleset, compile_ruleset(engine.ruleset, direct_limit=0))
    people = mixed_profiles(engine.ruleset, 90, seed=41)
    assert _as_json(engine, people) == _as_json(refuting, people)
    assert not _closure_forms(refuting)[0]  # really the other form
    refuting.close()


def test_refutation_only_closures_agree_with_the_reference(base):
    refuting = Engine(base.ruleset, compile_ruleset(base.ruleset, direct_limit=0))
    assert_agree(refuting, mixed_profiles(base.ruleset, 120, seed=43))
    refuting.close()


def test_the_synthetic_base_has_both_forms_and_direct_closures_cut_actions(base):
    direct, through = _closure_forms(base)
    assert direct and through, (DIRECT_TERMS, direct, through)
    refuting = Engine(base.ruleset, compile_ruleset(base.ruleset, direct_limit=0))
    people = [base.check(p) for p in synth.profiles(base.ruleset, 30, seed=47, known_fraction=1.0)]
    mixed = sum(base._runner.run(p).actions for p in people)
    alone = sum(refuting._runner.run(p).actions for p in people)
    assert mixed < alone, (mixed, alone)
    refuting.close()
