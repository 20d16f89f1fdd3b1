"""The benchmark's two-valued rule set (bench/two_valued.py): the same logic as pathfit's
compiled rules for complete profiles, written as a person would for durable-rules, with
derived facts that do not hold read as absent. It must fire exactly the rules pathfit
fires, and its actions must be exactly the floor's firing actions (the same durable rules
for the rules' alternatives) without the floor's refutations and closures, plus its stage
actions: what the benchmark reports as the three-valued compilation's cost in actions.
"""
from __future__ import annotations

import pytest

from bench.core import CoreRunner
from bench.two_valued import PER_STAGE_FACT, TwoValuedRunner, definition, two_valued_actions
from pathfit.engine.pipeline import durable_rules_engine as core
from tools import synth

from .helpers import synthetic_engines


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


CASES = [(0, 0, 300), (30, 11, 300), (200, 3, 200), (200, 41, 200), (1000, 11, 12)]


@pytest.mark.parametrize("n_rules,seed,people", CASES)
def test_it_fires_exactly_the_rules_pathfit_fires(engines, n_rules: int, seed: int, people: int) -> None:
    engine = engines(n_rules, seed)
    runner = TwoValuedRunner(engine.compiled, core)
    try:
        profiles = synth.profiles(engine.ruleset, people, seed=seed + 7, known_fraction=1.0)
        wrong = [i for i, p in enumerate(profiles)
                 if runner.run(engine.check(p)) != frozenset(engine.evaluate(p).fired)]
        assert wrong == []
        assert any(engine.evaluate(p).fired for p in profiles)
    finally:
        runner.close()


@pytest.mark.parametrize("n_rules,seed,people", CASES)
def test_its_actions_are_the_floors_firings_and_its_stages(engines, n_rules: int, seed: int, people: int) -> None:
    """The floor (pathfit's compiled rules, bench/core.py) runs the same durable rules for
    the rules' alternatives; the two-valued set runs exactly those, each once, and one
    stage action per stage, where the floor also refutes and closes."""
    engine = engines(n_rules, seed)
    actions = engine.compiled.actions
    runner, floor = TwoValuedRunner(engine.compiled, core), CoreRunner(engine.compiled, core)
    try:
        orders = []
        for p in synth.profiles(engine.ruleset, people, seed=seed + 9, known_fraction=1.0):
            facts = engine.check(p)
            mine, theirs = runner.actions(facts), floor.actions(facts)
            stages = [n for n in mine if n in runner.stages]
            assert stages == sorted(runner.stages, key=lambda n: int(n.split(":")[1]))  # every stage, in order
            assert sorted(n for n in mine if n not in runner.stages) == \
                sorted(n for n in theirs if actions[n][0] == "fire")
            orders.append(mine)
        counted = two_valued_actions(runner, orders)
        assert counted["stage_actions_per_profile"] == len(runner.stages)
        assert counted["actions_per_profile"] == round(sum(map(len, orders)) / len(orders), 1)
    finally:
        runner.close()
        floor.close()


def test_a_rule_reading_an_absence_waits_for_its_stage(engines) -> None:
    """Every rule that reads a derived fact as not holding joins a stage fact of its own
    stratum, never more than PER_STAGE_FACT rules on one (the C core holds 255 on a node);
    no other rule does. At 1,000 rules a stage needs two facts."""
    engine = engines(1000, 11)
    defined, rule_of, _, stages = definition(engine.compiled)
    waiting: dict = {}
    for name, rule in defined.items():
        if name in stages:
            continue
        negated = [b for b in rule["all"] if next(iter(b)).endswith("$not")]
        staged = [b["stage"]["$and"] for b in rule["all"] if "stage" in b]
        assert bool(negated) == bool(staged)
        if staged:
            (tests,) = staged
            waiting.setdefault((tests[1]["k"], tests[2]["j"]), []).append(name)
    assert waiting and max(map(len, waiting.values())) <= PER_STAGE_FACT
    assert max(len(facts) for facts in stages.values()) >= 2
