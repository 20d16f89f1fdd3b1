"""The explanation timed after its own decision and one after another (bench/order.py): that
both orders do the same work on people of the same kind, none explained twice, so their
difference in time is what runs between them and nothing else."""
from __future__ import annotations

import json
import sys

import pytest

from bench import order
from pathfit.engine import Engine


@pytest.fixture
def engine(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    e = order.load("30", tmp_path)
    yield e
    e.close()


def test_both_orders_compute_the_same_explanations(engine):
    # the same people in both orders: each part's output must not depend on what ran before it
    from tools import synth

    people = synth.profiles(engine.ruleset, 6, seed=3, known_fraction=1.0)
    for name, part in order.parts(engine).items():
        got = {}
        for o in order.ORDERS:
            outputs = []
            order.cell(engine, people, o, lambda d: outputs.append(part(d)))
            got[o] = outputs
        assert got["after"] == got["later"] and len(got["after"]) == 6, name


def test_no_person_is_explained_twice_and_every_cell_gets_its_own(engine, monkeypatch):
    # why-not keeps answers from person to person: a person explained a second time would find
    # every answer kept, and the cell that came second would look faster for it
    decided: list[str] = []
    events: list[str] = []  # "d" a decision, else the part explained
    real = Engine.evaluate

    def evaluate(self, p, *a):
        decided.append(json.dumps(p, sort_keys=True))
        events.append("d")
        return real(self, p, *a)
    monkeypatch.setattr(Engine, "evaluate", evaluate)
    wrapped = {name: (lambda part, name: lambda d: events.append(name) or part(d))(part, name)
               for name, part in order.parts(engine).items()}
    monkeypatch.setattr(order, "parts", lambda e: wrapped)
    order.measure(engine, warm=5, per=4, rounds=4)
    assert len(decided) == 5 + 4 * 6 * 4 == len(set(decided))
    del events[:5]  # the warm people, decided by `evaluate` and explained by the real trace
    cells = [events[i:i + 8] for i in range(0, len(events), 8)]
    # after: each person decided, then explained; later: the cell's four decided, then explained
    after = {n: ["d", n] * 4 for n in wrapped}
    later = {n: ["d"] * 4 + [n] * 4 for n in wrapped}
    names = ["trace", "why_not", "firings"]
    expected = []
    for r in range(4):  # the parts turn round by round; each part's two cells swap every round
        for n in names[r % 3:] + names[:r % 3]:
            expected += [after[n], later[n]] if r % 2 == 0 else [later[n], after[n]]
    assert cells == expected


@pytest.mark.parametrize("rounds", [1, 2, 5, 6, 7])
def test_each_parts_two_cells_come_first_equally_often(rounds):
    # answers kept grow as a run goes on, so the cell that runs second finds more of them kept
    for name in ("trace", "why_not", "firings"):
        firsts = []
        for r in range(rounds):
            run = [o for n, o in order.rounds_cells(["trace", "why_not", "firings"], r) if n == name]
            assert sorted(run) == ["after", "later"]
            firsts.append(run[0])
        assert abs(firsts.count("after") - firsts.count("later")) <= 1


class _Clock:
    """A clock that moves only by what the test says things cost: a decision 8, a part its
    cost (twice that right after a decision), and freeing a decision 100."""

    def __init__(self) -> None:
        self.now, self.just_decided = 0, False

    def __call__(self) -> int:
        return self.now


def test_every_figure_is_what_the_work_costs(engine, monkeypatch):
    # known costs in, exact figures out: the decision timed apart from its explanation, the
    # decision freed outside the timed windows, and each ratio the right way round
    import weakref

    clock = _Clock()
    real = Engine.evaluate

    def freed() -> None:
        clock.now += 100

    def evaluate(self, p, *a):
        clock.now += 8
        clock.just_decided = True
        d = real(self, p, *a)
        weakref.finalize(d, freed)
        return d

    def costing(part, cost):
        def run(d):
            clock.now += cost * (2 if clock.just_decided else 1)
            clock.just_decided = False
            return part(d)
        return run
    costs = {"trace": 4, "why_not": 2, "firings": 1}
    wrapped = {name: costing(part, costs[name]) for name, part in order.parts(engine).items()}
    monkeypatch.setattr(Engine, "evaluate", evaluate)
    monkeypatch.setattr(order, "parts", lambda e: wrapped)
    monkeypatch.setattr(order.time, "perf_counter", clock)
    out = order.measure(engine, warm=3, per=4, rounds=3)
    # after: every part right after its decision (twice its cost); later: only the first of four
    assert out["ms_per_person"] == {"decision": 8000, "trace after": 8000, "trace later": 5000,
                                    "why_not after": 4000, "why_not later": 2500,
                                    "firings after": 2000, "firings later": 1250}
    assert out["after_over_later"] == {"trace": 1.6, "why_not": 1.6, "firings": 1.6}
    assert out["explanation_adds"] == {"after": 1.0, "later": 0.625}
    assert (out["people_a_cell"], out["rounds"], out["warm"]) == (4, 3, 3)


def test_an_unknown_base_is_refused_before_anything_runs(monkeypatch):
    monkeypatch.setattr(order, "load", lambda *a: pytest.fail("a base was loaded"))
    monkeypatch.setattr(sys, "argv", ["bench.order", "--bases", "30,31"])
    with pytest.raises(SystemExit) as stop:
        order.main()
    assert "base '31'" in str(stop.value)
