"""The cross-check's evaluators, its closures (pipeline/cross_check.py) and the one function
it compiles for a long run (pipeline/cross_check_code.py), give every rule's condition the
Kleene value the reference evaluator (tests/reference.py) gives it, on complete and
partial people and on any state of the derived facts (true, false or unknown, drawn at
random, not only states an engine run reaches), on the bundled rules, a synthetic base
(presence tests, negation, nesting) and the valued-fact and decision-table fixtures. A
lenient evaluator (unknown where the answer is false) would pass every run unnoticed,
since the cross-check only asks that an unfired rule's condition is not true."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.pipeline.cross_check import CrossCheck
from pathfit.engine.pipeline.cross_check_code import compiled_values
from tools import synth

from . import reference
from .helpers import synthetic_engine

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    with synthetic_engine(tmp_path_factory, 120, seed=8) as engine:
        yield engine


@pytest.mark.parametrize("evaluator", ["closures", "compiled"])
@pytest.mark.parametrize("which", ["bundled", "synthetic", "valued", "tabled"])
def test_the_cross_checks_evaluator_agrees_with_the_reference(synthetic, which, evaluator):
    engine = synthetic if which == "synthetic" else Engine.load(None if which == "bundled" else HERE / "fixtures" / which)
    rs = engine.ruleset
    if evaluator == "closures":
        conditions = CrossCheck(engine.compiled)._conditions
    else:  # the compiled function, one rule's value read at a time
        values = compiled_values(rs)
        assert values is not None
        conditions = [lambda facts, derived, i=i: values(facts, derived)[i] for i in range(len(rs.rules))]
    derived_names = sorted(n for n, f in rs.facts.items() if f.kind == "derived")
    rng = random.Random(which)
    seen = {True: 0, False: 0, None: 0}
    for i, known in enumerate((1.0, 0.7, 0.3)):
        for person in synth.profiles(rs, 30, seed=40 + i, known_fraction=known):
            facts = engine.check(person)
            states = {n: rng.choice((True, False, None)) for n in derived_names}
            established = {n: v for n, v in states.items() if v is not None}
            for rule, evaluate in zip(rs.rules, conditions):
                expected = reference._eval(rule.when, rs, facts, states)
                assert evaluate(facts, established) is expected, (rule.id, facts, established)
                seen[expected] += 1
    assert min(seen.values()) > 20, seen  # every value was met
