"""A derived fact's state kept for the explanation by two threads at once, each having looked it
up before the other kept it, was kept once and counted twice: the budget of kept answers
(explain/kept.py) then counted more than it held, and cleared every table before the limit was
reached. Now the second thread keeps nothing, and the count is the answers held.

Both threads explain one person on one engine, each with its own DerivedState, as two threads
explaining it do (explain/why_not.py); every evaluation of a deriver waits for the other thread
to reach the same one, so both have looked the state up, and found nothing, before either keeps it."""
from __future__ import annotations

import threading

from pathfit.engine import Engine
from pathfit.engine.explain import kept
from pathfit.engine.explain.conditions import rule_evaluators
from pathfit.engine.explain.derived_state import DerivedState
from tools import synth


def _open_fact(engine: Engine) -> tuple:
    """A person's run and a derived fact it leaves open, some deriver of which waits on an
    unknown fact: its state is worked out by evaluating the derivers, and kept."""
    rs = engine.ruleset
    for person in synth.profiles(rs, 48, seed=5, known_fraction=0.6):
        result = engine.evaluate(person)._result
        for name, derivers in rs.derivers.items():
            if name not in result.holds and name not in result.fails and not set(derivers).isdisjoint(result.waiting):
                return result, name
    raise AssertionError("no person leaves a derived fact open")


def test_a_derived_state_kept_by_two_threads_at_once_is_counted_once():
    with Engine.load() as engine:
        rs = engine.ruleset
        result, name = _open_fact(engine)
        evaluators = rule_evaluators(rs)
        _, budget, (_, by_fact) = kept.plan(rs, evaluators)
        assert budget.used == 0
        both = threading.Barrier(2, timeout=30)

        def met(evaluate):
            def evaluated(facts, state):
                both.wait()  # the other thread has looked this state up too, and is evaluating it
                return evaluate(facts, state)
            return evaluated
        waiting = tuple(map(met, evaluators))
        found: list = [None, None]

        def explain(i: int) -> None:
            found[i] = DerivedState(rs, result, waiting, kept.Classes(result.facts).__getitem__, by_fact,
                                    budget).get(name)
        threads = [threading.Thread(target=explain, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not any(t.is_alive() for t in threads)
        alone = DerivedState(rs, result, evaluators, kept.Classes(result.facts).__getitem__, {}, None).get(name)
        assert found == [alone, alone]
        held = sum(len(seen) for _, _, seen in by_fact.values())
        assert held >= 1
        assert budget.used == held
