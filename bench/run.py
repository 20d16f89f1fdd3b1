"""pathfit's benchmark: every figure as a ratio measured in one run, because the
machine is shared and noisy. Not part of the test suite.

    python -m bench.run [--quick] [--jobs-only | --what-if] (from the repository root)

Measures, on the bundled rules, on synthetic layered rule bases
(tools/synth.py) of about 30, 300, 1,000 and 3,000 rules and on a generated cohort:
1. per-profile cost on complete profiles (every input known): pathfit
   (decision + firing trace; and with the full explanation) against the
   floor, the same compiled rules driven straight into durable-rules' C core
   (bench/core.py), and against CLIPS through clipspy on the same logic
   (bench/clips_rules.py; clipspy, in the `bench` and `test` extras), checking that all
   fire the same rules for every person (and, for CLIPS, the same evidence
   and outcome); the durable-rules actions per person, and by what they do
   (bench/core.py, `action_kinds`: a rule's first firing, a further alternative,
   a refutation, a derived fact's failure); the same logic as a two-valued
   rule set, as a person would write it for complete profiles, on the same
   core (bench/two_valued.py): its actions and time against the floor's, and
   that it fires what pathfit fires; the share of pathfit's
   decision time spent in the engine cross-check (`cross_check`,
   engine/pipeline/cross_check.py); and pathfit's optimised build of the C core
   against durable-rules' own build, when `durable-rules==2.0.28` is installed
   beside pathfit (`pip install durable-rules==2.0.28`, for the bench only);
   rounds interleaved, medians compared; `pathfit batch
   --jobs 1` plain and audited, as marginal rows per second, against CLIPS on the
   same people timed in the same rounds, the last plain batch's rows checked against
   the persons' decisions in process and the floor, and every other batch's rows
   against it (an audited batch's but for their record ids);
2. `pathfit batch --jobs 2` against `--jobs 1` (rows per second), beside two
   `--jobs 1` batches run at once (what two processes can do on the machine),
   and the cost of `--audit-log` (a sealed record with the full trace per row);
3. peak memory of `pathfit batch` at 10,000 and 200,000 profiles;
4. rule-set load time (1,000 rules), and the same decisions from a cold and a
   cached load;
5. `pathfit recommend` wall time against `python -c 'import yaml, click'`, the
   libraries any such command must load.
Ends with `targets`: each figure the README holds to a limit, the limit, and whether
this run meets it (bench/targets.py).

`--what-if` measures instead what `explain --what-if` costs a person: its search re-runs
the engine thousands of times (bench/what_if.py), about a minute a person at 1,000 rules,
so it is a mode of its own rather than part of every run: about 7 minutes (--quick: 30 and
300 rules, about 1).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.core import CoreRunner, action_kinds
from bench.two_valued import TwoValuedRunner, two_valued_actions
from bench.targets import report
from bench.what_if import what_if_bases
from pathfit.engine import Engine
from pathfit.engine.long_lived import set_apart
from pathfit.engine.pipeline import durable_rules_engine as optimised_core
from pathfit.engine.pipeline.cross_check_code import compiled_values
from tools import synth

ROOT = Path(__file__).resolve().parent.parent

PY = sys.executable
PATHFIT = [PY, "-m", "pathfit.cli.main"]


UPSTREAM_MAX_ACTIONS = 4096  # durable-rules' own build holds this many rules, the sentinel included


def upstream_core():
    """durable-rules' own build of the C core, if installed beside pathfit (bench only)."""
    try:
        import durable_rules_engine
    except ImportError:
        return None
    return durable_rules_engine


def per_profile(n_rules: int, n_profiles: int, rounds: int, work: Path) -> dict:
    """n_rules 0: the bundled rules, with synthetic people. Complete profiles
    (every input known), the one case where CLIPS's closed world and pathfit's
    "unknown is not false" must agree. Each round
    has people of its own, so nothing kept from one person (texts, answers) is
    counted as if every batch repeated its people."""
    if n_rules:
        rules_dir = work / f"rules{n_rules}"
        synth.write_rule_base(rules_dir, n_rules, seed=11)
        engine = Engine.load(rules_dir)
    else:
        engine = Engine.load()
    groups = [synth.profiles(engine.ruleset, n_profiles, seed=5 + 1000 * r, known_fraction=1.0) for r in range(rounds)]
    profiles = [p for g in groups for p in g]
    checked = [engine.check(p) for p in profiles]
    floor = CoreRunner(engine.compiled, optimised_core)
    runners = {"floor": floor}
    upstream = upstream_core()
    if upstream is not None and len(engine.compiled.definition) < UPSTREAM_MAX_ACTIONS:
        runners["upstream_build"] = CoreRunner(engine.compiled, upstream, name="upstream")
    else:
        upstream = None
    decisions = [engine.evaluate(p) for p in profiles]
    disagree = sum(1 for c, d in zip(checked, decisions)
                   if any(r.run(c) != frozenset(d.fired) for r in runners.values()))
    # what the three-valued compilation costs: the same logic as a two-valued rule set (bench/two_valued.py)
    two_valued = runners["two_valued"] = TwoValuedRunner(engine.compiled, optimised_core)
    two_disagree = sum(1 for c, d in zip(checked, decisions) if two_valued.run(c) != frozenset(d.fired))
    two_actions = two_valued_actions(two_valued, [two_valued.actions(c) for c in checked])
    orders = [floor.actions(c) for c in checked]
    # pathfit's build changes how the core finds its next action, never which: same order
    order_differs = (sum(1 for c, o in zip(checked, orders) if o != runners["upstream_build"].actions(c))
                     if upstream is not None else None)
    kinds, per_firing = action_kinds(engine.compiled.actions, orders)
    del orders
    clips = _clips(engine, checked, decisions)
    del decisions  # thousands of live decisions would make every collection during the timing slower
    actions = statistics.mean(engine._runner.run(c).actions for c in checked)
    times = {name: [] for name in [*runners, "pathfit", "pathfit+explain", "cross_check",
                                   *(["clips"] if clips else [])]}
    # a long run compiles its cross-check after COMPILE_AFTER checks (engine/pipeline/cross_check_code.py);
    # the rounds below are timed as such a run goes on, so the cross-check is compiled first, and
    # what building it costs (built again here, alone) is reported beside them
    compiled_check = engine._runner.check.compile()
    t = time.perf_counter()
    compiled_values(engine.ruleset)
    compile_s = time.perf_counter() - t
    checked_time = _time_cross_check(engine)
    # timed as pathfit's batch and service run: what lives as long as the run set apart
    # from the collector (engine/long_lived.py), for every engine measured here alike
    with set_apart(engine, explaining=True):
        for r in range(rounds):
            people = groups[r]
            facts = checked[r * n_profiles:(r + 1) * n_profiles]
            for name, runner in runners.items():
                t = time.perf_counter()
                for p in facts:
                    runner.run(p)
                times[name].append((time.perf_counter() - t) / n_profiles)
            checked_time[0] = 0.0
            t = time.perf_counter()
            for p in people:
                engine.evaluate(p)
            times["pathfit"].append((time.perf_counter() - t) / n_profiles)
            times["cross_check"].append(checked_time[0] / n_profiles)
            t = time.perf_counter()
            for p in people:
                engine.evaluate(p).trace
            times["pathfit+explain"].append((time.perf_counter() - t) / n_profiles)
            if clips:
                runner, slots = clips["runner"], clips["slots"][r * n_profiles:(r + 1) * n_profiles]
                t = time.perf_counter()
                for s in slots:
                    runner.run(s)
                times["clips"].append((time.perf_counter() - t) / n_profiles)
    med = {k: statistics.median(v) for k, v in times.items()}
    for runner in runners.values():
        runner.close()
    engine.close()
    out = {"rules": len(engine.ruleset.rules), "durable_rules": len(engine.compiled.definition),
           "profiles": len(profiles), "profiles_disagreeing_with_floor": disagree,
           "actions_per_profile": round(actions, 1), "actions_by_kind": kinds,
           "actions_per_firing": per_firing,
           "ms_per_profile": {k: round(v * 1000, 3) for k, v in med.items()},
           "cross_check_share_of_decision": round(med["cross_check"] / med["pathfit"], 3),
           "cross_check_compiled": compiled_check, "cross_check_compile_ms": round(compile_s * 1000, 1),
           "ratio_pathfit_to_floor": round(med["pathfit"] / med["floor"], 3),
           "ratio_with_explain_to_floor": round(med["pathfit+explain"] / med["floor"], 3),
           "explanation_adds": round(med["pathfit+explain"] / med["pathfit"] - 1, 3)}
    if clips:
        out["profiles_disagreeing_with_clips"] = clips["disagree"]
        out["ratio_pathfit_speed_to_clips"] = round(med["clips"] / med["pathfit"], 3)
        out["ratio_floor_speed_to_clips"] = round(med["clips"] / med["floor"], 3)
    out["two_valued"] = {"durable_rules": len(two_valued.definition), "profiles_disagreeing_with_pathfit": two_disagree,
                         **two_actions, "ratio_floor_to_two_valued": round(med["floor"] / med["two_valued"], 3)}
    if upstream is not None:
        out["profiles_whose_action_order_differs_between_builds"] = order_differs
        out["ratio_upstream_build_to_optimised_build"] = round(med["upstream_build"] / med["floor"], 3)
    return out


def _clips(engine: Engine, checked: list, decisions: list) -> dict | None:
    """CLIPS on the same rules and persons (bench/clips_rules.py), or None without clipspy.
    A person agrees when CLIPS fires the same rules, accumulates the same
    evidence, and the policy applied to CLIPS's firings gives the same outcome
    (clips_rules.agrees)."""
    try:
        from bench.clips_rules import ClipsRunner, agrees, person_slots
        runner = ClipsRunner(engine.ruleset)
    except ImportError:
        return None
    slots = [person_slots(engine.ruleset, c) for c in checked]
    disagree = sum(1 for s, d in zip(slots, decisions) if not agrees(engine.ruleset, runner, s, d))
    return {"runner": runner, "slots": slots, "disagree": disagree}


def _time_cross_check(engine: Engine) -> list:
    """Wrap the engine's cross-check so the seconds spent in it add up in the list returned."""
    spent = [0.0]
    check = engine._runner.check
    real = check.check

    def timed(*args) -> tuple:
        t = time.perf_counter()
        waiting = real(*args)
        spent[0] += time.perf_counter() - t
        return waiting

    check.check = timed
    return spent


def write_cohort(path: Path, rules_dir: Path, n: int) -> None:
    engine = Engine.load(rules_dir)
    with open(path, "w") as out:
        batch = 5000
        for start in range(0, n, batch):
            for i, p in enumerate(synth.profiles(engine.ruleset, min(batch, n - start), seed=start, known_fraction=0.85)):
                out.write(json.dumps({"id": f"p{start + i}", **p}) + "\n")
    engine.close()


def _batch_command(cohort: Path, rules_dir: Path, jobs: int, out: Path, *extra: str) -> list[str]:
    return [*PATHFIT, "batch", str(cohort), "--out", str(out), "--rules", str(rules_dir), "--jobs", str(jobs),
            "--quiet", *extra]


def run_batch(cohort: Path, rules_dir: Path, jobs: int, out: Path, *extra: str) -> tuple[float, int]:
    """Wall seconds and the peak resident memory (KiB) of the whole process tree."""
    t = time.perf_counter()
    proc = subprocess.Popen(_batch_command(cohort, rules_dir, jobs, out, *extra), cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed with {proc.returncode}")
    return time.perf_counter() - t, peak


def _clips_timer(rules_dir: Path, people: list):
    """A function timing CLIPS on `people` (seconds a person, as per_profile times it:
    building each person's fact included, the slots made beforehand, what is alive set
    apart from the collector as `batch` and per_profile set it), or None without clipspy."""
    try:
        from bench.clips_rules import ClipsRunner, person_slots
    except ImportError:
        return None
    engine = Engine.load(rules_dir)
    try:
        runner = ClipsRunner(engine.ruleset)
        slots = [person_slots(engine.ruleset, engine.check(p)) for p in people]
    except ImportError:
        return None
    finally:
        engine.close()

    def timed() -> float:
        # the collector as per_profile and `batch` have it; not explaining, so the (closed)
        # engine is not read
        with set_apart(engine, explaining=False):
            t = time.perf_counter()
            for s in slots:
                runner.run(s)
            return (time.perf_counter() - t) / len(slots)
    return timed


def batch_rates(rules_dir: Path, rows: int, rounds: int, work: Path) -> dict:
    """`pathfit batch --jobs 1`, plain and with `--audit-log`, on complete profiles,
    as marginal rows per second: (rows - 1) / (time for `rows` - time for one row),
    so the process start and the rule-set load are not counted; and CLIPS on the same
    people, timed in each round after the batches, so that the ratio of the two is of
    times taken together. Interleaved."""
    engine = Engine.load(rules_dir)
    people = synth.profiles(engine.ruleset, rows, seed=5, known_fraction=1.0)
    engine.close()
    clips = _clips_timer(rules_dir, people)
    big, one = work / f"{rules_dir.name}-rows.jsonl", work / f"{rules_dir.name}-one.jsonl"
    big.write_text("".join(json.dumps({"id": f"p{i}", **p}) + "\n" for i, p in enumerate(people)))
    one.write_text(json.dumps({"id": "p0", **people[0]}) + "\n")
    times: dict = {k: [] for k in ("plain", "plain1", "audit", "audit1")}
    for r in range(rounds):
        for name, cohort in (("plain", big), ("plain1", one), ("audit", big), ("audit1", one)):
            extra = ("--audit-log", str(work / f"audit-{name}-{r}.jsonl")) if name.startswith("audit") else ()
            times[name].append(run_batch(cohort, rules_dir, 1, work / f"b-{name}-{r}.jsonl", *extra)[0])
        if clips:
            times.setdefault("clips_per_row", []).append(clips())
    med = {k: statistics.median(v) for k, v in times.items()}
    plain = (rows - 1) / max(med["plain"] - med["plain1"], 1e-9)
    audit = (rows - 1) / max(med["audit"] - med["audit1"], 1e-9)
    last = work / f"b-plain-{rounds - 1}.jsonl"
    written = _without_record_ids(last)
    out = {"rows": rows, "plain_rows_per_s": round(plain), "audited_rows_per_s": round(audit),
           "audited_to_plain": round(audit / plain, 3),
           # the last plain batch checked row by row; every other batch timed, against it
           "rows_disagreeing": rows_disagreeing(rules_dir, people, last.read_bytes()),
           "batches_write_the_same_rows": all(
               _without_record_ids(work / f"b-{name}-{r}.jsonl") == (written[:1] if name.endswith("1") else written)
               for r in range(rounds) for name in ("plain", "plain1", "audit", "audit1")),
           "wall_s": {k: round(v, 3) for k, v in med.items() if k != "clips_per_row"}}
    if clips:
        out["clips_rows_per_s"] = round(1 / med["clips_per_row"])
        out["plain_to_clips"] = round(plain * med["clips_per_row"], 3)
    return out


def _without_record_ids(path: Path) -> list:
    """A batch's rows, each without the id of its audit record (a fresh id per record, in
    an audited batch's rows only)."""
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    for row in rows:
        row.pop("record_id", None)
    return rows


def rows_disagreeing(rules_dir: Path, people: list, written: bytes) -> int:
    """How many of a batch's rows (`written`, one JSON object a line, in input order) are
    not numbered as the person's place, carry an error, or do not give the person's
    decision as pathfit decides it in this process (outcome, confidence, whether it is
    settled, referral, formats, the rules fired in order) and the floor fires it (the same
    rules): the rows timed are the decisions the per-person figures compare."""
    engine = Engine.load(rules_dir)
    floor = CoreRunner(engine.compiled, optimised_core)
    lines = written.decode().splitlines()
    disagree = abs(len(lines) - len(people))
    for number, (line, person) in enumerate(zip(lines, people), 1):
        row, d = json.loads(line), engine.evaluate(person)
        want = {"outcome": d.outcome, "confidence": d.confidence, "settled": d.settled, "referral": d.referral,
                "formats": list(d.formats), "fired": list(d.fired)}
        if ({k: row.get(k) for k in want} != want or row.get("errors") or row.get("row") != number
                or floor.run(engine.check(person)) != frozenset(d.fired)):
            disagree += 1
    floor.close()
    engine.close()
    return disagree


def jobs_speedup(cohort: Path, rules_dir: Path, rows: int, rounds: int, work: Path) -> dict:
    """`--jobs 2` against `--jobs 1`, rounds interleaved, medians compared; and what two
    processes can do on this machine at all: two `--jobs 1` batches of the whole cohort
    started together, independent, with nothing to hand out or gather. Their combined
    rate over one batch's alone (`two_alone_together`) is the most two workers could
    give here; the gap from it to `speedup` is what `--jobs 2` itself costs (starting
    and loading once before the workers share the rows, handing rows out and results
    back, writing in order)."""
    times: dict = {"jobs1": [], "jobs2": [], "two_together": []}
    for _ in range(rounds):
        times["jobs1"].append(run_batch(cohort, rules_dir, 1, work / "o1.jsonl")[0])
        times["jobs2"].append(run_batch(cohort, rules_dir, 2, work / "o2.jsonl")[0])
        times["two_together"].append(_together(cohort, rules_dir, work))
    med = {k: statistics.median(v) for k, v in times.items()}
    same = (work / "o1.jsonl").read_bytes() == (work / "o2.jsonl").read_bytes()
    return {"rows": rows, "jobs1_rows_per_s": round(rows / med["jobs1"]),
            "jobs2_rows_per_s": round(rows / med["jobs2"]), "speedup": round(med["jobs1"] / med["jobs2"], 3),
            "two_alone_together": round(2 * med["jobs1"] / med["two_together"], 3),
            "speedups_per_round": [round(a / b, 3) for a, b in zip(times["jobs1"], times["jobs2"])],
            "identical_output": same, "wall_s": {k: round(v, 3) for k, v in med.items()}}


def _together(cohort: Path, rules_dir: Path, work: Path) -> float:
    """Wall seconds until two `--jobs 1` batches of `cohort`, started at once, have both ended."""
    t = time.perf_counter()
    procs = [subprocess.Popen(_batch_command(cohort, rules_dir, 1, work / f"t{i}.jsonl"), cwd=ROOT) for i in (1, 2)]
    for proc in procs:
        if proc.wait() not in (0, 1):
            raise SystemExit(f"batch failed with {proc.returncode}")
    return time.perf_counter() - t


def _tree_rss(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except (OSError, StopIteration):
            continue
    return total


def load_and_agree(work: Path) -> dict:
    rules_dir = work / "rules1000"
    times, warm = [], []
    for _ in range(3):
        os.environ["PATHFIT_CACHE"] = "0"  # cold: read, validate, compile
        t = time.perf_counter()
        Engine.load(rules_dir).close()
        times.append(time.perf_counter() - t)
        os.environ["PATHFIT_CACHE"] = "1"  # warm: from the compiled rule-set cache
        Engine.load(rules_dir).close()
        t = time.perf_counter()
        Engine.load(rules_dir).close()
        warm.append(time.perf_counter() - t)
    os.environ["PATHFIT_CACHE"] = "0"
    cold = Engine.load(rules_dir)
    os.environ["PATHFIT_CACHE"] = "1"
    cached = Engine.load(rules_dir)
    profiles = synth.profiles(cold.ruleset, 100, seed=99, known_fraction=0.8)
    agree = sum(1 for p in profiles if cold.evaluate(p).to_dict() == cached.evaluate(p).to_dict())
    cold.close()
    cached.close()
    return {"cold_load_seconds_median": round(statistics.median(times), 3),
            "cached_load_seconds_median": round(statistics.median(warm), 3),
            "cold_and_cached_decide_the_same": f"{agree}/{len(profiles)}"}


def startup(rounds: int) -> dict:
    """Both sides as installed: pip compiles a wheel's modules to bytecode, so the
    bare-import line never compiles click or yaml. An editable checkout on a
    machine with PYTHONDONTWRITEBYTECODE=1 (this one) would recompile every
    pathfit module on every start, about 30 ms; compile them first, as pip does."""
    import compileall

    import pathfit
    import pathfit.cli
    import pathfit.engine

    for package in (pathfit, pathfit.engine, pathfit.cli):  # separate folders in an editable install
        compileall.compile_dir(os.path.dirname(package.__file__), quiet=1, workers=1)
    example = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
    script = str(Path(PY).parent / "pathfit")
    cmds = {"bare_import": [PY, "-c", "import yaml, click"],
            "pathfit_recommend": [script if os.path.exists(script) else PY, *([] if os.path.exists(script) else
                                  ["-m", "pathfit.cli.main"]), "recommend", "--profile", example]}
    times = {k: [] for k in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, cwd=tempfile.gettempdir())
            times[name].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"ms": {k: round(v * 1000, 1) for k, v in med.items()},
            "ratio": round(med["pathfit_recommend"] / med["bare_import"], 3)}


def _per_person_and_load(results: dict, work: Path, quick: bool) -> None:
    """Every part but the `--jobs` ones: per person on each base, `batch` against CLIPS, loading."""
    results["per_profile_bundled"] = per_profile(0, 200, 7, work)
    results["per_profile_30"] = per_profile(30, 200, 7, work)
    results["per_profile_300"] = per_profile(300, 40 if quick else 100, 5, work)
    results["per_profile_1000"] = per_profile(1000, 12 if quick else 24, 5, work)
    # the capacity target: 3,000 rules load, and every person agrees with the floor and CLIPS
    results["per_profile_3000"] = per_profile(3000, 4 if quick else 12, 2 if quick else 3, work)
    results["batch_30"] = batch_rates(work / "rules30", 600 if quick else 3000, 3, work)
    # 600 rows: past the 256 after which a run compiles its cross-check, as a batch of a
    # company's staff goes (fewer rows run on the closures, at their cost)
    results["batch_1000"] = batch_rates(work / "rules1000", 30 if quick else 600, 3, work)
    results["load_1000"] = load_and_agree(work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller cohorts, for a smoke run")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--jobs-only", action="store_true",
                        help="only `batch --jobs 2` against `--jobs 1`, the audited `--jobs 2` and the peak memory: "
                             "what a change to how a batch shares its rows out moves")
    only.add_argument("--what-if", action="store_true",
                        help="only `explain --what-if`'s search: re-runs and seconds a person at 30, 300 and "
                             "1,000 rules (about 7 minutes; --quick: 30 and 300 rules)")
    args = parser.parse_args()
    if args.what_if:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(what_if_bases(Path(tmp), args.quick), indent=2))
        return
    big = 20_000 if args.quick else 200_000
    small = 2_000 if args.quick else 10_000
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.jobs_only:
            synth.write_rule_base(work / "rules30", 30, seed=11)
        else:
            _per_person_and_load(results, work, args.quick)
        rules30 = work / "rules30"
        cohort_small, cohort_big = work / "small.jsonl", work / "big.jsonl"
        write_cohort(cohort_small, rules30, small)
        write_cohort(cohort_big, rules30, big)
        results["jobs"] = jobs_speedup(cohort_small, rules30, small, 3, work)
        t2 = results["jobs"]["wall_s"]["jobs2"]
        ta, _ = run_batch(cohort_small, rules30, 2, work / "a.jsonl", "--audit-log", str(work / "audit.jsonl"))
        results["audit_log"] = {"rows": small, "jobs2_rows_per_s": round(small / ta),
                                "cost_vs_plain_jobs2": round(ta / t2, 2),
                                "log_mib": round((work / "audit.jsonl").stat().st_size / 2**20, 1)}
        _, mem_small = run_batch(cohort_small, rules30, 2, work / "m1.jsonl")
        _, mem_big = run_batch(cohort_big, rules30, 2, work / "m2.jsonl")
        results["memory"] = {"profiles": [small, big], "peak_kib": [mem_small, mem_big],
                             "ratio": round(mem_big / mem_small, 3)}
    if not args.jobs_only:
        results["startup"] = startup(15)
    results["targets"] = report(results)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
