"""The instruction counter (bench/count.py): what its two runs under valgrind do, so that their
difference is the counted people's decisions and nothing else, and that it reads valgrind's
own summary on this machine. The README's instruction figures come from it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from bench import core, count
from pathfit.engine import Decision, Engine
from tools import synth

INSTALL = "apt-get update -qq && apt-get install -y -qq valgrind"


@pytest.mark.parametrize("mode", ["decide", "explain"])
def test_people_are_made_in_both_runs_so_making_them_is_not_counted(monkeypatch, tmp_path, mode):
    # the first version made only the people each run decided for, so the count included
    # making the counted ones: 1.66 M instructions a decision at 30 rules, against 1.48 M
    made, decided, explained = [], [], []
    real_profiles, real_evaluate, real_trace = synth.profiles, Engine.evaluate, Decision.trace.fget

    def profiles(rs, n, **kw):
        made.append(n)
        return real_profiles(rs, n, **kw)

    def evaluate(self, profile, *args):
        decided.append(profile)
        return real_evaluate(self, profile, *args)

    def trace(self):
        explained.append(self)
        return real_trace(self)

    monkeypatch.setattr(synth, "profiles", profiles)
    monkeypatch.setattr(Engine, "evaluate", evaluate)
    monkeypatch.setattr(Decision, "trace", property(trace))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seen = []
    for run in (False, True):
        made.clear(), decided.clear(), explained.clear()
        count._person_loop(mode, "30", tmp_path, 3, 2, run)
        seen.append((list(made), len(decided), len(explained)))
    assert seen[0][0] == seen[1][0] == [5]
    assert (seen[0][1], seen[1][1]) == (3, 5)
    assert (seen[0][2], seen[1][2]) == ((3, 5) if mode == "explain" else (0, 0))


def test_the_floor_counts_the_core_alone(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(Engine, "evaluate", lambda *a: pytest.fail("the floor decided through pathfit"))
    runs = []
    real = core.CoreRunner.run
    monkeypatch.setattr(core.CoreRunner, "run", lambda self, facts: runs.append(facts) or real(self, facts))
    count._person_loop("floor", "30", tmp_path, 2, 2, True)
    assert len(runs) == 4


def _valgrind_or_fail() -> None:
    if not shutil.which("valgrind"):
        pytest.fail(f"this test needs valgrind, which is not installed: {INSTALL}")


def test_it_reads_callgrinds_summary_and_more_work_counts_more(tmp_path):
    _valgrind_or_fail()
    env = dict(os.environ, PYTHONHASHSEED="0")
    little = count._valgrind(None, [sys.executable, "-c", "pass"], str(tmp_path), env)
    more = count._valgrind(None, [sys.executable, "-c", "for i in range(200000): pass"], str(tmp_path), env)
    assert set(little) == {"Collected"}
    # each pass of the loop is a handful of bytecodes, each tens of instructions
    assert 200000 * 10 < more["Collected"] - little["Collected"] < 200000 * 1000


def test_it_reads_cachegrinds_summary(tmp_path):
    _valgrind_or_fail()
    got = count._valgrind(2, [sys.executable, "-c", "x = list(range(100000))"], str(tmp_path),
                          dict(os.environ, PYTHONHASHSEED="0"))
    assert set(got) == set(count._CACHEGRIND)
    assert got["I   refs"] > got["D1  misses"] >= got["LLd misses"] >= 0
    assert got["Mispredicts"] > 0


def test_the_caches_simulated_are_this_machines():
    # cachegrind's own guess on a virtual machine can be a last level of 256 MiB, one way;
    # glibc's description (getconf) is the reference for the first two levels
    opts = dict(o[2:].split("=") for o in count.caches(2))
    for name, level in (("D1", "LEVEL1_DCACHE"), ("LL", "LEVEL2_CACHE")):
        expected = [int(subprocess.run(["getconf", f"{level}_{what}"], capture_output=True, text=True,
                                       check=True).stdout) for what in ("SIZE", "ASSOC", "LINESIZE")]
        assert list(map(int, opts[name].split(","))) == expected


def test_an_unknown_base_or_mode_is_refused(monkeypatch, capsys):
    for argv, word in ((["--bases", "31"], "base '31'"), (["--modes", "decided"], "mode 'decided'")):
        monkeypatch.setattr(sys, "argv", ["bench.count", *argv])
        with pytest.raises(SystemExit) as stop:
            count.main()
        assert word in str(stop.value)


def test_each_part_of_a_decision_does_only_its_part(monkeypatch, tmp_path):
    # the parts are counted by difference, so each mode must do exactly what it is named for
    from pathfit.engine.pipeline.cross_check import CrossCheck
    from pathfit.engine.pipeline.run import Runner

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls: dict[str, int] = {}
    firings: dict[str, list] = {}

    def counting(cls, name):
        real = getattr(cls, name)

        def wrapped(self, *args):
            calls[f"{cls.__name__}.{name}"] = calls.get(f"{cls.__name__}.{name}", 0) + 1
            got = real(self, *args)
            if cls is Runner:
                firings.setdefault(mode, []).append([f.rule for f in got.firings])
            return got
        monkeypatch.setattr(cls, name, wrapped)

    for cls, name in ((Engine, "check"), (Engine, "evaluate"), (Runner, "run"), (CrossCheck, "check")):
        counting(cls, name)
    seen = {}
    for mode in ("check", "run", "unchecked"):
        calls.clear()
        count._person_loop(mode, "30", tmp_path, 2, 3, True)
        seen[mode] = dict(calls)
    assert seen["check"] == {"Engine.check": 5}
    assert seen["run"] == {"Engine.check": 5, "Runner.run": 5, "CrossCheck.check": 5}
    assert seen["unchecked"] == {"Engine.check": 5, "Runner.run": 5}
    assert firings["run"] == firings["unchecked"] and any(firings["run"])


def test_the_parts_add_up_to_what_a_decision_costs_over_the_floor():
    found = {"floor": 1000, "check": 70, "unchecked": 1090, "run": 1180, "decide": 1380}
    got = count.parts({mode: {"instructions": n} for mode, n in found.items()})
    assert got == {"checking the profile": 70, "the run's bookkeeping": 90, "the cross-check": 90,
                   "the decision from the firings": 130, "over the floor": 380}
    assert sum(v for k, v in got.items() if k != "over the floor") == got["over the floor"]


def test_modes_parts_names_every_part(monkeypatch, tmp_path, capsys):
    asked = []
    monkeypatch.setattr(count, "per_person", lambda mode, base, level, work, known: asked.append(mode) or
                        {"people": "1 after 1", "instructions": 100 * (1 + len(asked))})
    monkeypatch.setattr(sys, "argv", ["bench.count", "--bases", "30", "--modes", "parts"])
    count.main()
    assert asked == list(count.PARTS)
    assert '"over the floor": 400' in capsys.readouterr().out


def test_settled_mode_asks_what_recommend_says_of_partial_people(monkeypatch, tmp_path):
    """`--known` below 1 makes partial people, and `settled` asks each decision whether it is
    settled and what is missing, as `recommend` prints them, and nothing more (no trace)."""
    known_asked, asked = [], []
    real_profiles = synth.profiles
    real_settled, real_missing = Decision.settled.fget, Decision.missing.fget

    def profiles(rs, n, seed, known_fraction):
        known_asked.append(known_fraction)
        return real_profiles(rs, n, seed=seed, known_fraction=known_fraction)

    monkeypatch.setattr(synth, "profiles", profiles)
    monkeypatch.setattr(Decision, "settled", property(lambda self: asked.append("settled") or real_settled(self)))
    monkeypatch.setattr(Decision, "missing", property(lambda self: asked.append("missing") or real_missing(self)))
    monkeypatch.setattr(Decision, "trace", property(lambda self: pytest.fail("settled explained a decision")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    count._person_loop("settled", "30", tmp_path, 2, 3, True, 0.5)
    assert known_asked == [0.5]
    assert asked == ["settled", "missing"] * 5


def test_known_reaches_the_counted_child(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(count.subprocess, "run", lambda args, **kw: calls.append(args))
    monkeypatch.setattr(count, "_valgrind", lambda level, args, cwd, env: calls.append(args) or {"Collected": 10})
    got = count.per_person("settled", "30", None, tmp_path, 0.7)
    assert all(args[-2] == "0.7" for args in calls) and len(calls) == 3
    assert got["people"].endswith("each input known with probability 0.7")
