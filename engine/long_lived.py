"""Objects that live as long as the process, set apart from the garbage collector.

A process that loads a rule set and then decides for many people (a batch, the web
service) keeps the rule set, its compiled form and the explanation's evaluators for
its whole run: tens of thousands of objects at 1,000 rules, mostly closures and
records, which the collector cannot drop from its lists as it does plain tuples.
Every full collection, which the people's own garbage triggers from time to time,
walks all of them again: at 1,000 rules, with an audit log, four such collections
took 0.55 s of a 100-row batch's 4.3 s (0.09 s once set apart). Set apart
(gc.freeze), they are never walked; forked workers inherit them set apart, so their
collections do not touch, and copy, those pages either. They are handed back when
the run ends. A process that set objects apart itself (frozen.frozen_by_process) is
left alone: handing back would undo its choice.

For the same run the youngest generation is collected only after YOUNG more container
objects are alive than at its last collection, not CPython's 700. A person's decision
with its trace is that many and more: at 300 rules about 1,000 dicts and lists, at
1,000 rules about 3,400 and at 3,000 rules about 9,400, all alive until the trace is
written and then freed at once by their counts, never in a cycle. With 700, nearly
every person's trace set off a collection that walked it, and every tenth one a
collection of the next generation: at 1,000 rules 4% of a decision explained, and now
and then a full collection on top. Freed objects leave the count as they go, so at
YOUNG the collector runs once the run's garbage (or what it keeps: its explanation's
answers) has grown by that much, walking no more than that. What it costs: a batch's
peak memory, about 4 MiB more in `--jobs 2` at 30 rules (docs/performance.md).

Enter and leave it only in an ordinary function's frame, never inside a generator:
a generator left suspended can be closed by the collector itself, and handing the
objects back in the middle of a collection would corrupt the collector's lists.
"""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from typing import Iterator

from .api import Engine
from .frozen import frozen_by_process


@contextmanager
def set_apart(engine: Engine, explaining: bool) -> Iterator[None]:
    """For the run of the `with` block. `explaining`: the run explains decisions, so what
    explaining needs is built first and set apart with the rest."""
    if explaining:
        from .explain.why_not import prepare

        prepare(engine.ruleset)
    if frozen_by_process():
        yield
        return
    gc.freeze()
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], YOUNG), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


YOUNG = 50_000


class Sweeper:
    """A full collection now and then in a long run, at most one `SHARE`th of the run's time.

    Why at all: a full collection, besides looking for garbage, empties CPython's free
    lists, which keep freed tuples, lists and dicts for reuse and grow with the most the run
    ever had alive at once: without one, a batch worker's memory crept up all run (to 28.3-28.7
    MiB over 100,000 rows at 30 rules, against 24.8-24.9 with one before every chunk,
    docs/performance.md), since with YOUNG few collections
    run, and fewer still of the oldest generation. Why not after every chunk: it walks whatever was
    made during the run and is not set apart, such as the explanation's kept answers, which
    at 1,000 rules made one take 49 ms, against 0.05 ms at 30 rules without them. So each
    sweep waits until the run has worked SHARE times as long as the last one took."""

    SHARE = 100

    def __init__(self) -> None:
        self._worked = 0.0
        self._cost = 0.0

    def worked(self, seconds: float) -> None:
        """Count `seconds` of the run's work."""
        self._worked += seconds

    def sweep(self) -> None:
        """A full collection, if the run has worked long enough since the last. Best called
        where little is alive: what is alive is walked and not freed."""
        if self._worked >= self.SHARE * self._cost:
            started = time.perf_counter()
            gc.collect()
            self._cost = time.perf_counter() - started
            self._worked = 0.0
