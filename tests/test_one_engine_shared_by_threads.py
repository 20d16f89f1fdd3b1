"""One Engine used from many threads at once decides and explains every person exactly as
one thread does: the answers the explanation keeps from person to person (explain/kept.py),
cleared all the time here, the cross-check's count of checks (pipeline/cross_check.py), and a
decision's own lazy parts (its trace, `missing`, `settled`, `waiting`) read by several threads
together. Thread switches are made as frequent as Python allows, so a race has every chance.

The kept answers' counts are checked too, not only what is said: a thread keeping an answer
while another keeps or clears one (no lock) says the same words, as every answer kept is found
along the reads that made it, but counts an answer that is not held or misses one that is, and
the limits meant to bound the memory kept no longer hold."""
from __future__ import annotations

import json
import sys
import threading
import time

import pytest

from pathfit.engine import Engine
from pathfit.engine.explain import kept
from pathfit.engine.explain.conditions import rule_evaluators
from pathfit.engine.pipeline import cross_check
from tools import synth

THREADS = 8
PEOPLE = 48  # per rule set
EACH = 24  # people each thread decides, in an order of its own: every person by several threads


@pytest.fixture
def switching():
    """Thread switches about every microsecond, then as before."""
    was = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(was)


@pytest.fixture
def pressed(monkeypatch):
    """Kept answers under pressure: a rule's table holds 3, all of them 24, so tables are
    cleared while other threads read and keep them."""
    monkeypatch.setattr(kept, "KEPT_PER_RULE", 3)
    monkeypatch.setattr(kept, "KEPT_IN_ALL", 24)


@pytest.fixture(scope="module", params=["bundled", "synth"])
def rules_dir(request, tmp_path_factory):
    if request.param == "bundled":
        return None
    where = tmp_path_factory.mktemp("shared") / "rules"
    synth.write_rule_base(where, 120, seed=11)
    return where


def _people(engine: Engine) -> list[dict]:
    return synth.profiles(engine.ruleset, PEOPLE, seed=5, known_fraction=0.6)


@pytest.fixture(scope="module")
def alone(rules_dir):
    """The people of a rule set and what one thread, alone, on a fresh engine, says of each, under
    the same switching and pressure as the tests: one reference for both tests of a rule set, as
    it is costly (a test of one decision read together takes its first 12)."""
    was = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(kept, "KEPT_PER_RULE", 3)
            patch.setattr(kept, "KEPT_IN_ALL", 24)
            with Engine.load(rules_dir) as fresh:
                people = _people(fresh)
            return people, _one_thread(rules_dir, people)
    finally:
        sys.setswitchinterval(was)


def _read(decision, order: int) -> str:
    """Everything a decision says, canonical JSON, its parts read in one of three orders: the
    lazy parts alone before the trace, the trace first, or mixed."""
    if order == 0:
        parts = {"missing": decision.missing, "settled": decision.settled,
                 "waiting": [r.id for r in decision.waiting]}
        parts["whole"] = decision.to_dict()
    elif order == 1:
        parts = {"whole": decision.to_dict()}
        parts.update(missing=decision.missing, settled=decision.settled, waiting=[r.id for r in decision.waiting])
    else:
        parts = {"settled": decision.settled, "whole": decision.to_dict(), "missing": decision.missing,
                 "waiting": [r.id for r in decision.waiting]}
    return json.dumps(parts, sort_keys=True)


def _one_thread(rules_dir, people: list[dict]) -> list[str]:
    """What one thread, alone, on an engine of its own, says of each person."""
    with Engine.load(rules_dir) as fresh:
        return [_read(fresh.evaluate(p), 0) for p in people]


def _together(work, n: int = THREADS) -> list:
    """`work(i)` on n threads released at once; each one's result, or the exception it raised."""
    start = threading.Barrier(n)
    out: list = [None] * n

    def run(i: int) -> None:
        start.wait()
        try:
            out[i] = work(i)
        except BaseException as exc:  # handed to the test, which fails on it
            out[i] = exc
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "a thread never finished"
    for got in out:
        if isinstance(got, BaseException):
            raise got
    return out


def _leaves(node) -> int:
    """The answers a rule's tree of kept answers holds (kept.Answers), counted by walking it."""
    if type(node) is kept.Read:
        return sum(map(_leaves, node.branches.values()))
    return 0 if node is kept.NOT_KEPT else 1


def _miscounted(engine: Engine) -> list[str]:
    """What the kept answers of the engine's rule set hold against what their budget counts,
    read under the budget's lock, which every thread keeping an answer holds (kept.Budget): the
    answers each table holds, counted by walking it, are its count and at most KEPT_PER_RULE,
    all of them at most KEPT_IN_ALL and the budget's count."""
    _, budget, _ = kept.plan(engine.ruleset, rule_evaluators(engine.ruleset))
    wrong = []
    with budget.lock:
        held = 0
        for n, table in enumerate(budget.tables):
            holds = _leaves(table.root) if type(table) is kept.Answers else len(table)
            if type(table) is kept.Answers and holds != table.count:
                wrong.append(f"table {n} holds {holds} answers, counted {table.count}")
            if holds > kept.KEPT_PER_RULE:
                wrong.append(f"table {n} holds {holds} answers, more than {kept.KEPT_PER_RULE}")
            held += holds
        if held > kept.KEPT_IN_ALL:
            wrong.append(f"{held} answers held, more than {kept.KEPT_IN_ALL}")
        if held != budget.used:
            wrong.append(f"{held} answers held, counted {budget.used}")
    return wrong


def test_many_threads_on_one_engine_decide_as_one_thread(rules_dir, alone, switching, pressed):
    with Engine.load(rules_dir) as engine:
        people = _people(engine)
        assert people == alone[0]
        expected = alone[1]

        def stream(i: int) -> tuple[list[tuple[int, str]], list[str]]:
            said, miscounted = [], []
            for k in range(EACH):
                j = (k * (i + 1) + 7 * i) % len(people)  # each thread its own order of the people
                said.append((j, _read(engine.evaluate(people[j]), (i + k) % 3)))
                miscounted += _miscounted(engine)  # while the other threads keep answers
            return said, miscounted

        for said, miscounted in _together(stream):
            for j, text in said:
                assert text == expected[j], f"person {j}"
            assert miscounted == []
        assert _miscounted(engine) == []


def test_threads_reading_one_decision_at_once_read_one_trace(rules_dir, alone, switching, pressed):
    with Engine.load(rules_dir) as engine:
        people = _people(engine)[:12]
        assert people == alone[0][:12]
        expected = alone[1][:12]
        for j, person in enumerate(people):
            decision = engine.evaluate(person)
            got = _together(lambda i: (_read(decision, i % 3), decision.trace))
            assert {text for text, _ in got} == {expected[j]}, f"person {j}"
            assert all(trace is decision.trace for _, trace in got), f"person {j}: the trace was built twice"


def test_the_cross_check_is_compiled_however_many_threads_check(monkeypatch, switching):
    """Its count of checks is not stepped past COMPILE_AFTER unseen by threads checking
    together: the conditions are compiled, by that engine's check alone. The thread whose check
    makes the count COMPILE_AFTER gives way for 50 ms as it stores it, so other threads check
    meanwhile and step the count on: a check that read the count again, rather than the count it
    made, would find it past COMPILE_AFTER and never compile (the race, made certain)."""
    compiled: list = []
    made = cross_check.CrossCheck.compile

    def counted(self):
        compiled.append(self)
        return made(self)

    def store(self, n: int) -> None:
        self.__dict__["_checks"] = n
        if n == 40:
            time.sleep(0.05)
    monkeypatch.setattr(cross_check, "COMPILE_AFTER", 40)
    monkeypatch.setattr(cross_check.CrossCheck, "compile", counted)
    monkeypatch.setattr(cross_check.CrossCheck, "checks", property(lambda self: self.__dict__["_checks"], store),
                        raising=False)
    with Engine.load() as engine:
        people = _people(engine)
        _together(lambda i: [engine.evaluate(p).outcome for p in people])
        assert compiled and set(map(id, compiled)) == {id(engine._runner.check)}
        assert engine._runner.check.values != engine._runner.check._each
