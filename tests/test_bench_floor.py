"""The benchmark's floor (bench/core.py) is pathfit's own rules and calls with nothing
recorded: on the same people it must fire exactly the rules pathfit fires and the C core
must ask it for exactly as many actions, or every ratio to it in README "Performance"
compares different work."""
from __future__ import annotations

import pytest

from bench.core import CoreRunner
from pathfit.engine import Engine
from pathfit.engine.pipeline import durable_rules_engine
from tools import synth


@pytest.fixture(scope="module", params=["bundled", "synthetic-30"])
def engine(request, tmp_path_factory):
    if request.param == "bundled":
        e = Engine.load()
    else:
        rules = tmp_path_factory.mktemp("rules30")
        synth.write_rule_base(rules, 30, seed=11)
        e = Engine.load(rules)
    yield e
    e.close()


@pytest.mark.parametrize("known", [1.0, 0.6])
def test_the_floor_fires_what_pathfit_fires_with_as_many_actions(engine, known):
    floor = CoreRunner(engine.compiled, durable_rules_engine)
    try:
        people = synth.profiles(engine.ruleset, 60, seed=7, known_fraction=known)
        fired_some = 0
        for person in people:
            facts = engine.check(person)
            run = engine._runner.run(facts)
            assert floor.run(facts) == frozenset(run.fired), person
            assert len(floor.actions(facts)) == run.actions, person
            fired_some += bool(run.fired)
        assert fired_some >= 30  # people the comparison says something about
    finally:
        floor.close()
