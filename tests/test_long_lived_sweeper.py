"""long_lived.Sweeper: a long run's full collections cost at most a hundredth of its work,
and the first chunk already gets one (it empties CPython's free lists, which otherwise grow
with the most a run ever had alive: a batch worker's memory crept up all run)."""
from __future__ import annotations

import gc

from pathfit.engine import long_lived
from pathfit.engine.long_lived import Sweeper


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now


def test_sweeps_cost_at_most_one_hundredth_of_the_work(monkeypatch):
    clock, sweeps = _Clock(), []

    def collect(generation: int = 2) -> int:
        sweeps.append(clock.now)
        clock.now += 0.049  # as one took at 1,000 rules with the explanation's kept answers
        return 0

    monkeypatch.setattr(long_lived, "time", clock)
    monkeypatch.setattr(long_lived.gc, "collect", collect)
    sweeper, work = Sweeper(), 0.0
    for _ in range(100):  # chunks of 1.2 s of work, as 64 audited rows at 1,000 rules take
        sweeper.sweep()
        clock.now += 1.2
        work += 1.2
        sweeper.worked(1.2)
    assert sweeps[0] == 0.0  # the first chunk's
    assert len(sweeps) * 0.049 <= work / Sweeper.SHARE + 0.049
    assert len(sweeps) >= int(work / (Sweeper.SHARE * 0.049 + 1.2))  # and not fewer than that allows


def test_a_cheap_sweep_runs_before_every_chunk(monkeypatch):
    clock, sweeps = _Clock(), []

    def collect(generation: int = 2) -> int:
        sweeps.append(generation)
        clock.now += 0.00005  # as one took at 30 rules
        return 0

    monkeypatch.setattr(long_lived, "time", clock)
    monkeypatch.setattr(long_lived.gc, "collect", collect)
    sweeper = Sweeper()
    for _ in range(50):  # chunks of 40 ms, as `batch` sizes them
        sweeper.sweep()
        clock.now += 0.04
        sweeper.worked(0.04)
    assert sweeps == [2] * 50


def test_a_sweep_is_a_full_collection():
    seen = []

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(callback)
    try:
        Sweeper().sweep()
    finally:
        gc.callbacks.remove(callback)
    assert seen == [2]
