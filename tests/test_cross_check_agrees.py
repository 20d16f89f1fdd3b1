"""The cross-check decides whether the engine's result agrees with the conditions in
C-level set operations (`cross_check.Agreement`) and names the first disagreement with the
rule-by-rule loop (`CrossCheck.first_disagreement`). The two must find the same results
wrong: on the bundled rules' own closures, with every rule's value drawn at random and
the engine's fired rules, refutations and failed facts drawn to agree, or to disagree in
one place, `Agreement` is false exactly when the loop finds a disagreement."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pathfit.engine import Engine
from pathfit.engine.pipeline.cross_check import CrossCheck


@pytest.fixture(scope="module")
def check():
    engine = Engine.load()
    yield CrossCheck(engine.compiled)
    engine.close()


@st.composite
def results(draw, n_rules: int, closures: list):
    values = draw(st.lists(st.sampled_from([True, False, None]), min_size=n_rules, max_size=n_rules))
    fired = {i for i, v in enumerate(values) if v is True}
    falses = [i for i, v in enumerate(values) if v is False]
    refuted = set(draw(st.lists(st.sampled_from(falses), unique=True))) if falses else set()
    fails = {name for name, derivers in closures if all(values[i] is False for i in derivers)}
    wrong = draw(st.sampled_from(["none", "fired", "refuted", "fails"]))
    index = draw(st.integers(0, n_rules - 1))
    if wrong == "fired":
        fired ^= {index}
    elif wrong == "refuted":
        refuted.add(index)
    elif wrong == "fails":
        fails ^= {closures[index % len(closures)][0]}
    return values, fired, refuted, fails


def test_agrees_exactly_when_the_rule_by_rule_loop_finds_nothing(check):
    n_rules, closures = len(check._rs.rules), check._closures
    assert closures, "the bundled rules have derived facts that can fail"
    outcomes = {True: 0, False: 0}

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(results(n_rules, closures))
    def run(result):
        values, fired, refuted, fails = result
        fast = check.agrees(values, fired, refuted, fails)
        found = check.first_disagreement(values, fired, refuted, fails)
        assert fast is (found is None)
        if found is not None:
            assert found.codes == ["PF505"]
        outcomes[fast] += 1

    run()
    assert outcomes[False] > 50 and outcomes[True] > 50


def test_agrees_on_every_engine_result_of_many_people(check):
    """And on real runs: every person's result agrees (else the run would have raised)."""
    from tools import synth

    engine = Engine.load()
    runner = engine._runner
    rules = engine.ruleset.rules
    index = {r.id: i for i, r in enumerate(rules)}
    for known in (1.0, 0.6, 0.3):
        for person in synth.profiles(engine.ruleset, 60, seed=12, known_fraction=known):
            result = runner.run(engine.check(person))
            derived = dict.fromkeys(result.holds, True)
            derived.update(dict.fromkeys(result.fails, False))
            values = [cond(result.facts, derived) for cond in check._conditions]
            fired = {index[r] for r in result.fired}
            refuted = {index[r] for r in result.refuted}
            assert check.agrees(values, fired, refuted, result.fails)
    engine.close()
