"""The explanation timed after its own decision and one after another (bench/order.py): that
both orders do the same work on people of the same kind, none explained twice, so their
difference in time is what runs between them and nothing else."""
from __future__ import annotations

import json

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
    out = order.measure(engine, warm=5, per=4, rounds=3)
    assert len(decided) == 5 + 3 * 6 * 4 == len(set(decided))
    del events[:5]  # the warm people, decided by `evaluate` and explained by the real trace
    cells = [events[i:i + 8] for i in range(0, len(events), 8)]
    assert len(cells) == 3 * 6
    # after: each person decided, then explained; later: the cell's four decided, then explained
    expected = [pattern for n in ("trace", "why_not", "firings") for pattern in (["d", n] * 4, ["d"] * 4 + [n] * 4)]
    # the cells' order turns: round r starts at cell r
    assert cells == expected + expected[1:] + expected[:1] + expected[2:] + expected[:2]
    assert set(out["ms_per_person"]) == {"decision", *(f"{n} {o}" for n in wrapped for o in order.ORDERS)}
    assert out["after_over_later"]["trace"] == pytest.approx(
        out["ms_per_person"]["trace after"] / out["ms_per_person"]["trace later"], rel=2e-3)


def test_the_decision_is_timed_apart_from_its_explanation(engine, monkeypatch):
    # a clock that moves only while a decision is made: the explanation's time must be 0
    ticks = [0.0]
    real = Engine.evaluate

    def evaluate(self, p, *a):
        ticks[0] += 1.0
        return real(self, p, *a)
    monkeypatch.setattr(Engine, "evaluate", evaluate)
    monkeypatch.setattr(order.time, "perf_counter", lambda: ticks[0])
    from tools import synth

    people = synth.profiles(engine.ruleset, 3, seed=8, known_fraction=1.0)
    part = order.parts(engine)["trace"]
    assert order.cell(engine, people, "after", part) == (1.0, 0.0)
    assert order.cell(engine, people, "later", part) == (0.0, 0.0)
