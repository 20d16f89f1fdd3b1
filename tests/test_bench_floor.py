"""The benchmark's floor (bench/core.py) is pathfit's own rules and calls with nothing
recorded: on the same people it must fire exactly the rules pathfit fires and the C core
must ask it for exactly as many actions, or every ratio to it in README "Performance"
compares different work."""
from __future__ import annotations

import pytest

from bench.core import CoreRunner, action_kinds
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


def test_the_actions_by_kind_are_the_runs_own_firings_and_closures(engine):
    # read against what pathfit's run records: one action a firing, one a closed derived fact
    floor = CoreRunner(engine.compiled, durable_rules_engine)
    try:
        orders, runs = [], []
        for person in synth.profiles(engine.ruleset, 40, seed=9, known_fraction=1.0):
            facts = engine.check(person)
            run = engine._runner.run(facts)
            order = floor.actions(facts)
            kinds, _ = action_kinds(engine.compiled.actions, [order])
            assert kinds["firings"] == len(run.firings), person
            assert kinds["closures"] == sum(1 for s in run.settled if s[2]), person
            assert sum(kinds.values()) == run.actions, person
            orders.append(order)
            runs.append(run)
        mean, per_firing = action_kinds(engine.compiled.actions, orders)
        assert mean["firings"] == round(sum(len(r.firings) for r in runs) / len(runs), 1)
        # each kind's mean is rounded to a tenth on its own, so their sum is within half a
        # tenth a kind of the exact mean number of actions (per person it is exact, above)
        exact = sum(r.actions for r in runs) / len(runs)
        assert abs(sum(mean.values()) - exact) <= 0.05 * len(mean) + 1e-9
        assert per_firing == round(sum(r.actions for r in runs) / sum(len(r.firings) for r in runs), 3)
    finally:
        floor.close()


def test_a_rules_further_alternatives_and_closures_again_are_counted_apart(tmp_path):
    # a synthetic base whose rules have alternatives and whose facts fail by closure: the
    # kinds beyond one a firing occur, so counting them as firings would fail the test above
    synth.write_rule_base(tmp_path, 30, seed=11)
    e = Engine.load(tmp_path)
    floor = CoreRunner(e.compiled, durable_rules_engine)
    try:
        orders = [floor.actions(e.check(p)) for p in synth.profiles(e.ruleset, 40, seed=9, known_fraction=1.0)]
        kinds, _ = action_kinds(e.compiled.actions, orders)
        assert kinds["further_alternatives"] > 0 and kinds["closures_again"] > 0 and kinds["refutations"] > 0
        with pytest.raises(KeyError):
            action_kinds(e.compiled.actions, [("no such durable rule",)])
    finally:
        floor.close()
        e.close()


def test_each_action_is_named_for_what_it_does_first_time_or_again():
    # two people's action orders, counted by hand: names a1..a6 stand for durable rules
    actions = {"a1": ("fire", 0), "a2": ("fire", 0), "a3": ("fire", 1), "a4": ("refute", 2),
               "a5": ("refute", 2), "a6": ("fail", "x"), "a7": ("fail", "x"), "a8": ("fail", "y")}
    one = ("a1", "a4", "a2", "a6", "a7", "a7", "a3", "a5", "a8")
    two = ("a3", "a6")
    kinds, per_firing = action_kinds(actions, [one, two])
    # person one: fire 0 (first), refute 2, fire 0 again, fail x, fail x again twice, fire 1,
    # refute 2 again, fail y; person two: fire 1, fail x, each a first time for them
    assert kinds == {"firings": 1.5, "further_alternatives": 0.5, "refutations": 0.5,
                     "refutations_again": 0.5, "closures": 1.5, "closures_again": 1.0}
    assert per_firing == round(11 / 3, 3)
    assert action_kinds(actions, [("a4", "a6")]) == (
        {"firings": 0.0, "further_alternatives": 0.0, "refutations": 1.0, "refutations_again": 0.0,
         "closures": 1.0, "closures_again": 0.0}, None)
