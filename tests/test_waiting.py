"""The cross-check reports the rules whose condition is unknown on the facts the
engine established, and a decision with none answers `missing` and `settled` without
explaining itself. Held here against the explanation, which works both out on its
own (why_not's statuses, missing_facts, is_settled over the waiting rules): every rule
the explanation calls waiting is among the cross-check's (the explanation may read a
derived fact the engine left open as false, never the other way), and `missing` and
`settled` asked first give what the full explanation gives, on complete and partial
people, on the bundled rules, a synthetic base with presence tests and negation over
derived facts, and every rule-set fixture (valued facts, decision tables, certainty
factors). The explanation's statuses of the waiting rules, worked out alone
(explain/waiting.py), are the full explanation's.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.explain.waiting import waiting as waiting_rules
from pathfit.engine.explain.conditions import UNKNOWN
from pathfit.engine.explain.why_not import explain
from pathfit.engine.pipeline.model import facts_in
from tools import synth

from .helpers import synthetic_engine

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    with synthetic_engine(tmp_path_factory, 60, seed=4) as engine:
        yield engine


@pytest.fixture(scope="module")
def cases(synthetic):
    """[(engine, people)] for the bundled rules, the synthetic base and every fixture, loaded and
    drawn once for the module: the tests only read them."""
    fixtures = [Engine.load(HERE / "fixtures" / name) for name in ("valued", "tabled", "advisor", "animals", "tiny")]
    bundled = Engine.load()
    yield [(engine, _people(engine)) for engine in [bundled, synthetic, *fixtures]]
    for engine in [bundled, *fixtures]:
        engine.close()


@pytest.fixture(scope="module")
def explained_answers(cases) -> list[list[tuple]]:
    """(missing, settled) of each person as the full explanation gives them, worked out once for
    both orders of asking in test_missing_and_settled_asked_first_equal_the_explanations."""
    found = []
    for engine, people in cases:
        answers = []
        for person in people:
            explained = engine.evaluate(person)
            explained.trace
            answers.append((explained.missing, explained.settled))
        found.append(answers)
    return found


def _people(engine: Engine) -> list[dict]:
    rs = engine.ruleset
    people = []
    for i, known in enumerate((1.0, 0.95, 0.8, 0.5, 0.0)):
        people += synth.profiles(rs, 40, seed=70 + i, known_fraction=known)
    # complete but for one fact some rule tests with `is`: often nothing waits, yet answering it matters
    tested = sorted({c.fact for r in rs.rules for c in facts_in(r.when) if c.op == "is" and rs.facts[c.fact].kind == "input"})
    for person in synth.profiles(rs, 10, seed=90, known_fraction=1.0):
        people += [{k: v for k, v in person.items() if k != name} for name in tested]
    return people


def test_every_rule_the_explanation_finds_waiting_is_unknown_to_the_cross_check(cases):
    none = some = fewer = 0
    for engine, people in cases:
        for person in people:
            result = engine._runner.run(engine.check(person))
            _, status = explain(engine.ruleset, result)
            waiting = {rid for rid, st in status.items() if st[0] is UNKNOWN}
            unknown = {engine.ruleset.rules[i].id for i in result.waiting}
            assert waiting <= unknown
            none += not unknown
            some += bool(waiting)
            fewer += waiting < unknown
    assert none > 50 and some > 50  # both kinds of people were tried
    assert fewer > 0  # and people where the explanation settles more than the engine did


def test_the_waiting_rules_alone_have_the_statuses_the_explanation_gives_them(cases):
    some = 0
    for engine, people in cases:
        rs = engine.ruleset
        for person in people:
            result = engine._runner.run(engine.check(person))
            _, status = explain(rs, result)
            expected = {rid: (UNKNOWN, frozenset(st[1])) for rid, st in status.items() if st[0] is UNKNOWN}
            found, pending = waiting_rules(rs, result)
            assert found == expected
            assert [r.id for r in pending] == [r.id for r in rs.rules if r.id in expected]  # in rule order
            some += bool(found)
    assert some > 50


@pytest.mark.parametrize("first", ["missing", "settled"])
def test_missing_and_settled_asked_first_equal_the_explanations(cases, explained_answers, first):
    shortcut = unsettled_without_waiting = waited = 0
    for (engine, people), answers in zip(cases, explained_answers):
        for person, (missing, settled) in zip(people, answers):
            asked = engine.evaluate(person)
            value = getattr(asked, first)
            assert value == {"missing": missing, "settled": settled}[first]
            assert asked.missing == missing and asked.settled == settled
            assert asked._trace is None  # both answered without the explanation
            if not asked._result.waiting:
                shortcut += 1
                unsettled_without_waiting += not asked.settled
            else:
                waited += bool(asked.missing) or not asked.settled
    assert shortcut > 50 and waited > 50
    # an unknown fact read by a presence test leaves no rule waiting, yet can unsettle
    assert unsettled_without_waiting > 0


def test_an_explained_person_is_freed_without_the_collector_regression_derived_state_loop():
    """A derived-fact state and its worked-out states referred to each other, so every
    explained person's run stayed alive until the collector next looked for loops."""
    import gc

    from pathfit.engine.explain.derived_state import DerivedState

    engine = Engine.load()
    people = _people(engine)[:60]
    gc.collect()
    gc.disable()
    try:
        for person in people:
            asked = engine.evaluate(person)
            asked.missing  # the waiting rules alone
            explained = engine.evaluate(person)
            explained.trace  # the full explanation
        del asked, explained
        assert [o for o in gc.get_objects() if isinstance(o, DerivedState)] == []
    finally:
        gc.enable()


def test_a_derived_fact_left_open_with_no_deriver_unknown_reads_as_evaluating_its_derivers_would(cases):
    """A derived fact the engine left open is read as false, without evaluating its
    derivers, when the cross-check found none of them unknown. Held against a state that
    evaluates every such fact's derivers (as if every rule were unknown to the
    cross-check): the same value and the same unknown inputs, for every derived fact."""
    from pathfit.engine.explain.conditions import evaluators
    from pathfit.engine.explain.derived_state import DerivedState

    shortcut = evaluated = 0
    for engine, people in cases:
        rs = engine.ruleset
        every_rule = frozenset(range(len(rs.rules)))
        for person in people:
            result = engine._runner.run(engine.check(person))
            fast = DerivedState(rs, result, evaluators(rs), {}.get, {}, None)
            slow = DerivedState(rs, result, evaluators(rs), {}.get, {}, None)
            slow.waiting = every_rule
            for name in rs.derivers:
                assert fast.get(name) == slow.get(name), (person, name)
                if name not in result.holds and name not in result.fails:
                    if fast.waiting.isdisjoint(rs.derivers[name]):
                        shortcut += 1
                    else:
                        evaluated += 1
            fast.done()
            slow.done()
    assert shortcut > 100 and evaluated > 100  # both ways were taken, many times
