"""The explanation timed right after its own decision and, on other people of the same kind,
one explanation after another: how much its time depends on what ran just before it. Not
part of the test suite.

    python -m bench.order [--bases bundled,30,300,1000] [--rounds 8]   (from the repository root)

`pathfit explain` and the service explain a person right after deciding for them (`after`).
An audited batch makes a chunk's records after all of the chunk's decisions (`later`): here
a cell's decisions are made first and their explanations then run one after another, so that
between a decision and its explanation run the cell's other decisions and explanations, not
the decision itself. Each order is timed three ways: the whole explanation
(`Decision.trace`), why-not's pass over the rules that did not fire (`why_not.explain`), and
the firings' entries (`firings.firing_dicts`). Every (part, order) cell has people of its own in
each round, never explained before: why-not keeps answers from person to person
(explain/kept.py), so a person explained twice would find their own answers kept the second
time. The answers kept from `warm` people explained first are shared by all cells; as more
are kept later cells find more, so each part's two cells swap places every round (`after`
first in even rounds, `later` first in odd ones) and the parts' order turns round by round.
In both orders a part's result is freed inside its timed window and the decision, with the
trace it keeps, outside. People, cross-check and collector as bench/run.py has them: every
input known, the cross-check compiled, the run's objects set apart (engine/long_lived.py).

Prints, per base, each cell's median over the rounds (ms a person), the decision's own time
(timed in the `after` cells), each part's time after its decision over its time later, and
what the whole explanation adds to the decision's time in each order.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

from pathfit.engine import Decision, Engine
from pathfit.engine.long_lived import set_apart
from pathfit.engine.explain import why_not
from pathfit.engine.pipeline.firings import firing_dicts
from tools import synth

# people explained before the rounds, and in each cell of a round, per base
PEOPLE = {"bundled": (400, 200), "30": (400, 200), "300": (300, 60), "1000": (96, 24)}
ORDERS = ("after", "later")


def parts(engine: Engine) -> dict[str, Callable[[Decision], object]]:
    """What is timed on a decision: the whole explanation, and its two largest parts."""
    rs = engine.ruleset
    return {"trace": lambda d: d.trace,
            "why_not": lambda d: why_not.explain(rs, d._result),
            "firings": lambda d: firing_dicts(d._result.firings)}


def cell(engine: Engine, people: list, order: str, part: Callable[[Decision], object]) -> tuple[float, float]:
    """-> (decision seconds a person, or 0.0 where not timed apart; `part` seconds a person)."""
    clock, decided, explained = time.perf_counter, 0.0, 0.0
    if order == "after":
        for p in people:
            t0 = clock()
            d = engine.evaluate(p)
            t1 = clock()
            part(d)
            explained += clock() - t1
            decided += t1 - t0
            del d
    else:
        decisions = [engine.evaluate(p) for p in people]
        for i in range(len(decisions)):
            d = decisions[i]
            t0 = clock()
            part(d)
            explained += clock() - t0
            decisions[i] = d = None  # freed here, untimed, as `del d` above: a kept trace goes with it
    return decided / len(people), explained / len(people)


def rounds_cells(names: list[str], r: int) -> list[tuple[str, str]]:
    """Round r's cells in the order they run: the parts turned by r, each part's `after`
    cell first in even rounds and its `later` cell first in odd ones."""
    turned = names[r % len(names):] + names[:r % len(names)]
    return [(name, order) for name in turned for order in (ORDERS if r % 2 == 0 else ORDERS[::-1])]


def measure(engine: Engine, warm: int, per: int, rounds: int) -> dict:
    """Each (part, order) cell timed on `per` fresh people a round, after `warm` explained."""
    rs = engine.ruleset
    what = parts(engine)
    cells = [(name, order) for name in what for order in ORDERS]
    names = list(what)
    seeds = iter(range(5, 10**9, 1000))
    engine._runner.check.compile()  # as a long run compiles it (engine/pipeline/cross_check_code.py)
    times: dict[tuple, list] = {c: [] for c in cells}
    decide: list[float] = []
    with set_apart(engine, explaining=True):
        for p in synth.profiles(rs, warm, seed=next(seeds), known_fraction=1.0):
            engine.evaluate(p).trace
        for r in range(rounds):
            took = 0.0
            for name, order in rounds_cells(names, r):
                people = synth.profiles(rs, per, seed=next(seeds), known_fraction=1.0)
                decided, explained = cell(engine, people, order, what[name])
                times[name, order].append(explained)
                took += decided
            decide.append(took / len(what))  # every `after` cell times its decisions
    med = {c: statistics.median(v) for c, v in times.items()}
    return {"people_a_cell": per, "rounds": rounds, "warm": warm,
            "ms_per_person": {"decision": round(statistics.median(decide) * 1000, 4),
                              **{f"{n} {o}": round(med[n, o] * 1000, 4) for n, o in cells}},
            "after_over_later": {n: round(med[n, "after"] / med[n, "later"], 3) for n in what},
            "explanation_adds": {o: round(med["trace", o] / statistics.median(decide), 3) for o in ORDERS}}


def load(base: str, work: Path) -> Engine:
    if base == "bundled":
        return Engine.load()
    rules = work / f"rules{base}"
    if not rules.exists():
        synth.write_rule_base(rules, int(base), seed=11)
    return Engine.load(rules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bases", default=",".join(PEOPLE), help="comma-separated: bundled, 30, 300, 1000")
    parser.add_argument("--rounds", type=int, default=8, help="an even number gives each part's two cells "
                        "first place equally often")
    args = parser.parse_args()
    for base in args.bases.split(","):
        if base not in PEOPLE:
            raise SystemExit(f"bench.order: unknown base {base!r} (one of {', '.join(PEOPLE)})")
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for base in args.bases.split(","):
            engine = load(base, Path(tmp))
            out[base] = measure(engine, *PEOPLE[base], args.rounds)
            engine.close()
            print(base, json.dumps(out[base]), flush=True)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
