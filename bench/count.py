"""Instructions a person, counted under valgrind: the figures beside the benchmark's timed
ones that do not move with the machine. Not part of the test suite.

    python -m bench.count [--bases bundled,30,300,1000] [--modes floor,decide,explain]
                          [--cache l2|l3] [--startup]   (from the repository root)

Each figure is the difference of two runs under valgrind with the hash seed fixed: one
loads the rules and decides for `warm` people, the other decides for `counted` more after
them; the difference over `counted` is one person's cost, with the start, the load and
what the first people fill in (the rule set's cache, the explanation's kept answers) left
out. The people are the benchmark's kind (tools/synth.py, every input known) and the
cross-check is compiled first, as a long run compiles it and as bench/run.py times it.
Modes: `floor`, the same compiled rules driven straight into the C core (bench/core.py);
`decide`, `Engine.evaluate`; `explain`, the same and its `trace`. And the parts of a
decision, each a mode that does only that much, counted by difference (`--modes parts` for
all of them with `floor` and `decide`): `check`, checking the profile (`Engine.check`);
`run`, the run on checked facts (the core, pathfit's actions and their bookkeeping, the
cross-check); `unchecked`, the same run with the cross-check left out. So the bookkeeping
is `unchecked` less `floor`, the cross-check `run` less `unchecked`, and the decision made
from the firings (with its object) `decide` less `check` and `run`.

`--cache l2` (or `l3`) counts under cachegrind instead, with its simulated caches and
branch predictor: data misses in the first-level cache and in the level named, and
mispredicted branches, a person. The caches simulated are this machine's as Linux
describes them (/sys/devices/system/cpu/cpu0/cache), not as cachegrind guesses them
(on a virtual machine it can take a last level of 256 MiB, which nothing misses).
cachegrind simulates two levels: the first-level data cache and one more. They are a
model of caches this process has to itself, not a measurement of this machine's: its
third level is shared with other processes, and with other machines on the same host.

`--startup` counts `pathfit recommend --profile examples/new-vp-wants-structure.yaml`
against `python -c 'import yaml, click'`, both started in an empty working directory
with the rule-set cache warm (a working directory's entries are searched on every import
of `python -c`). Counted as installed: an editable install's import hook adds its own.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# people decided before the count, and counted, per base: as the README's figures were counted
PEOPLE = {"bundled": (400, 100), "30": (400, 100), "300": (200, 50), "1000": (48, 12)}
MODES = ("floor", "decide", "explain")
# `settled`: a decision with whether it is settled and its open questions, as `recommend` prints it
ALL_MODES_EXTRA = ("settled",)
PARTS = ("floor", "check", "unchecked", "run", "decide")  # a decision's parts, counted by difference
ALL_MODES = (*MODES, "check", "unchecked", "run", *ALL_MODES_EXTRA)

_CALLGRIND = ("Collected",)
_CACHEGRIND = ("I   refs", "D1  misses", "LLd misses", "Mispredicts")


def _person_loop(mode: str, base: str, work: Path, warm: int, counted: int, count: bool, known: float = 1.0) -> None:
    """Run in the child under valgrind: make `warm` + `counted` people (in both runs, so
    making them is not counted), decide for the first `warm`, and with `count` for the rest."""
    import gc

    from pathfit.engine import Engine
    from pathfit.engine.long_lived import set_apart
    from tools import synth

    if base == "bundled":
        engine = Engine.load()
    else:
        rules = work / f"rules{base}"
        if not rules.exists():
            synth.write_rule_base(rules, int(base), seed=11)
        engine = Engine.load(rules)
    people = synth.profiles(engine.ruleset, warm + counted, seed=5, known_fraction=known)
    engine._runner.check.compile()
    if mode in ("floor", "run", "unchecked"):  # these drive a runner on checked facts
        if mode == "floor":
            from bench.core import CoreRunner
            from pathfit.engine.pipeline import durable_rules_engine

            runner = CoreRunner(engine.compiled, durable_rules_engine)
        else:
            runner = engine._runner
            if mode == "unchecked":
                runner.check = _Unchecked()
        checked = [engine.check(p) for p in people]

        def step(i: int) -> object:
            return runner.run(checked[i])
    elif mode == "check":
        def step(i: int) -> object:
            return engine.check(people[i])
    elif mode == "decide":
        def step(i: int) -> object:
            return engine.evaluate(people[i])
    elif mode == "settled":  # what `recommend` and `batch` say beside the outcome
        def step(i: int) -> object:
            decision = engine.evaluate(people[i])
            return decision.settled, decision.missing
    else:
        def step(i: int) -> object:
            return engine.evaluate(people[i]).trace
    gc.collect()
    with set_apart(engine, explaining=mode == "explain"):
        for i in range(warm + (counted if count else 0)):
            step(i)


class _Unchecked:
    """Stands in for a runner's cross-check in the `unchecked` mode: finds no rule waiting,
    checks nothing."""

    def check(self, *args) -> tuple:
        return ()


def parts(found: dict) -> dict:
    """A decision's instructions a person by part, from the counts of the PARTS modes."""
    n = {mode: found[mode]["instructions"] for mode in PARTS}
    return {"checking the profile": n["check"], "the run's bookkeeping": n["unchecked"] - n["floor"],
            "the cross-check": n["run"] - n["unchecked"],
            "the decision from the firings": n["decide"] - n["check"] - n["run"],
            "over the floor": n["decide"] - n["floor"]}


def caches(level: int) -> list[str]:
    """cachegrind's options simulating this machine's first-level data cache and its cache
    at `level` as the last level, read from Linux's description of cpu0's caches."""
    found = {}
    for entry in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        level_of, kind, size, ways, line = ((entry / name).read_text().strip() for name in (
            "level", "type", "size", "ways_of_associativity", "coherency_line_size"))
        size_bytes = int(size[:-1]) * {"K": 1024, "M": 1024 ** 2}[size[-1]] if size[-1] in "KM" else int(size)
        found[(int(level_of), kind)] = f"{size_bytes},{ways},{line}"
    if (1, "Data") not in found or (level, "Unified") not in found:
        raise SystemExit(f"bench.count: Linux does not describe this machine's first-level or level-{level} cache")
    return [f"--D1={found[(1, 'Data')]}", f"--LL={found[(level, 'Unified')]}"]


def _valgrind(level: int | None, args: list[str], cwd: str, env: dict) -> dict[str, int]:
    """valgrind's summary counts for one run of `args`: under callgrind (`level` None), or
    under cachegrind simulating the cache at `level` as the last."""
    opts = (["--tool=callgrind", "--callgrind-out-file=/dev/null"] if level is None else
            ["--tool=cachegrind", "--cachegrind-out-file=/dev/null", "--cache-sim=yes", "--branch-sim=yes",
             *caches(level)])
    done = subprocess.run(["valgrind", *opts, *args], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench.count: {' '.join(args)} failed under valgrind:\n{done.stderr[-2000:]}")
    names = _CALLGRIND if level is None else _CACHEGRIND
    found = {}
    for line in done.stderr.splitlines():
        for name in names:
            m = re.search(re.escape(name) + r"\s*:\s*([\d,]+)", line)
            if m and name not in found:
                found[name] = int(m.group(1).replace(",", ""))
    if set(found) != set(names):
        raise SystemExit(f"bench.count: valgrind's summary not found in:\n{done.stderr[-2000:]}")
    return found


def per_person(mode: str, base: str, level: int | None, work: Path, known: float = 1.0) -> dict:
    """One person's cost in `mode` on `base`: instructions (`level` None), or cachegrind's figures."""
    warm, counted = PEOPLE[base]
    env = {**os.environ, "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": str(work / "cache")}
    child = [sys.executable, "-m", "bench.count", "--child", mode, base, str(work)]
    child += [str(warm), str(counted), repr(known)]
    subprocess.run([*child, "0"], cwd=ROOT, env=env, check=True)  # the rule base written, the rule-set cache filled
    before = _valgrind(level, [*child, "0"], str(ROOT), env)
    after = _valgrind(level, [*child, "1"], str(ROOT), env)
    out = {"people": f"{counted} after {warm}" + (f", each input known with probability {known}" if known < 1 else "")}
    for name in before:
        key = {"Collected": "instructions", "I   refs": "instructions", "D1  misses": "first_level_data_misses",
               "LLd misses": f"level_{level}_data_misses", "Mispredicts": "mispredicted_branches"}[name]
        out[key] = round((after[name] - before[name]) / counted)
    return out


def startup(work: Path) -> dict:
    """Instructions of the whole process, `pathfit recommend` against the bare imports."""
    script = Path(sys.executable).parent / "pathfit"
    example = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
    empty = tempfile.mkdtemp(dir=work)
    env = {**os.environ, "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": str(work / "startup-cache")}
    recommend = [str(script), "recommend", "--profile", example]
    for _ in range(2):  # the rule-set cache filled, bytecode written
        subprocess.run(recommend, cwd=empty, env=env, check=True, stdout=subprocess.DEVNULL)
    bare = _valgrind(None, [sys.executable, "-c", "import yaml, click"], empty, env)["Collected"]
    ours = _valgrind(None, recommend, empty, env)["Collected"]
    return {"bare_import": bare, "pathfit_recommend": ours, "ratio": round(ours / bare, 4)}


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        mode, base, work, warm, counted, known, count = sys.argv[2:9]
        _person_loop(mode, base, Path(work), int(warm), int(counted), count == "1", float(known))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bases", default="bundled,30,300,1000", help="comma-separated: bundled, 30, 300, 1000")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated: floor, decide, explain, "
                        "check, run, unchecked; parts for floor, check, unchecked, run and decide")
    parser.add_argument("--cache", choices=("l2", "l3"), help="cachegrind's simulated misses instead, this "
                        "machine's cache at that level simulated as the last")
    parser.add_argument("--startup", action="store_true", help="also count start-up")
    parser.add_argument("--known", type=float, default=1.0, help="the chance each input of a person is known "
                        "(default 1: complete people, the benchmark's); below 1, partial people")
    args = parser.parse_args()
    bases, modes = args.bases.split(","), args.modes.split(",")
    if "parts" in modes:
        modes = list(dict.fromkeys(m for mode in modes for m in (PARTS if mode == "parts" else (mode,))))
    for name, given, allowed in (("base", bases, PEOPLE), ("mode", modes, ALL_MODES)):
        for value in given:
            if value not in allowed:
                raise SystemExit(f"bench.count: unknown {name} {value!r} (one of {', '.join(allowed)})")
    level = int(args.cache[1]) if args.cache else None
    results: dict = {"tool": "callgrind" if level is None else f"cachegrind, {args.cache} as the last level, "
                     + " ".join(caches(level))}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for base in bases:
            results[base] = {mode: per_person(mode, base, level, work, args.known) for mode in modes}
            if "settled" in modes and "explain" in modes:
                ratio = results[base]["explain"]["instructions"] / results[base]["settled"]["instructions"]
                results[base]["explain_to_settled"] = round(ratio, 4)
            if "decide" in modes:
                for mode in ("floor", "explain", "settled"):
                    if mode in modes:
                        ratio = results[base][mode]["instructions"] / results[base]["decide"]["instructions"]
                        results[base][f"{mode}_to_decide"] = round(ratio, 4)
            if level is None and all(mode in modes for mode in PARTS):
                results[base]["parts"] = parts(results[base])
        if args.startup:
            results["startup"] = startup(work)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
