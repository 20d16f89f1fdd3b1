"""What-if's search timed (`python -m bench.run --what-if`): per person, how many changed
profiles `explain --what-if` re-runs through the engine and how long that takes, on the
generated rule bases of 30, 300 and 1,000 rules.

Why apart from the per-person figures: the search re-runs the engine once for every single
change and every pair of changes (engine/explain/what_if.py), thousands of decisions for one
person, so at 1,000 rules one person's search takes about a minute where a decision takes
milliseconds. Its figures are the re-runs a person, seconds a person and milliseconds a
re-run, beside the people's own decisions timed in the same run. The seconds are wall-clock
and move with the machine's load; the re-runs a person do not."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from pathfit.engine import Engine
from pathfit.engine.explain.what_if import what_if
from tools import synth


def what_if_times(n_rules: int, people: int, work: Path) -> dict:
    """`people` complete people (every input known) and as many partial ones (each input known
    with probability 0.7), each searched as `explain --what-if` searches: the decision made
    once, then handed to the search. Seconds are wall-clock, per person."""
    rules_dir = work / f"rules{n_rules}"
    if not rules_dir.exists():
        synth.write_rule_base(rules_dir, n_rules, seed=11)
    engine = Engine.load(rules_dir)
    cohort = synth.profiles(engine.ruleset, people, seed=5, known_fraction=1.0) + \
        synth.profiles(engine.ruleset, people, seed=6, known_fraction=0.7)
    trials, seconds, decision_s, exhaustive = [], [], [], True
    for person in cohort:
        decision = engine.evaluate(person)
        started = time.perf_counter()
        found = what_if(engine, dict(decision.facts), decision)
        seconds.append(time.perf_counter() - started)
        trials.append(found["trials"])
        exhaustive = exhaustive and all(u["exhaustive"] for u in found["unreachable"])
        for _ in range(5):  # the person's own decision, as warm as the search's re-runs
            started = time.perf_counter()
            engine.evaluate(person)
            decision_s.append(time.perf_counter() - started)
    engine.close()
    per_rerun = statistics.median(s / t for s, t in zip(seconds, trials))
    return {"people": len(cohort), "reruns_each": sorted(set(trials)), "exhaustive": exhaustive,
            "seconds_each": [round(s, 2) for s in seconds], "median_s": round(statistics.median(seconds), 2),
            "most_s": round(max(seconds), 2), "ms_per_rerun": round(per_rerun * 1000, 2),
            "decision_ms": round(statistics.median(decision_s) * 1000, 2)}


def what_if_bases(work: Path, quick: bool) -> dict:
    """The search on each generated base; `quick`: one person of each kind, 30 and 300 rules."""
    sizes = (30, 300) if quick else (30, 300, 1000)
    return {f"what_if_{n}": what_if_times(n, 1 if quick else (3 if n < 1000 else 2), work) for n in sizes}
