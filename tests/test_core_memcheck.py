"""The C core under valgrind's memcheck: nothing it reads was never written, and nothing it
reads or writes lies outside its blocks.

AddressSanitizer (.ci/asan) stops a read or write outside a block, but reads whatever a
block holds as if it were meant. Retracting a fact after the rule it matched had fired once
searched a deleted result's slots, some never written, and how far the search ran (in the
end, past the block) depended on what they held; memcheck names the first such read.
The work runs in one child process under memcheck, many times slower than natively, so
the workload is small: the bundled rules and a layered base of 30 rules, people with every
input known and with some unknown, each decided and explained, each rule set's one session
reused from person to person. Its inputs are made first by a native child with the same
settings: the base's files, the people, and the two rule sets compiled into the rule-set
cache, which the child under memcheck then loads them from. None of that is the core's work
(compiling is pure Python, the core sees the same rule set text either way), and made under
memcheck it cost half the run. Only errors with a frame in the core count: the interpreter's own reports (its
integer cache, its frame handling) are memcheck's known false alarms for CPython.

Never skipped: without valgrind the test fails and says how to install it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from .helpers import ROOT

CORE = "durable_rules_engine"
INSTALL = "apt-get update -qq && apt-get install -y -qq valgrind"

_INPUTS = r'''
import pickle
import sys
sys.path.append(sys.argv[1])
from pathlib import Path
from tools import synth
from pathfit.engine import Engine

base = Path(sys.argv[2])
synth.write_rule_base(base, 30, seed=11)
people = []
for engine in (Engine.load(), Engine.load(base)):  # each compiled into the cache
    people.append([profile for known in (1.0, 0.5)
                   for profile in synth.profiles(engine.ruleset, 4, seed=7, known_fraction=known)])
    engine.close()
with open(sys.argv[3], "wb") as f:
    pickle.dump(people, f)
'''

_WORKLOAD = r'''
import pickle
import sys
from pathfit.engine import Engine

with open(sys.argv[3], "rb") as f:
    people = pickle.load(f)
decided = 0
for engine, each in zip((Engine.load(), Engine.load(sys.argv[2])), people):
    for profile in each:
        decision = engine.evaluate(profile)
        decision.trace, decision.settled
        decided += 1
    engine.close()
print(decided)
'''


def _core_errors(xml_file: str) -> list[str]:
    """Each memcheck error with a frame in the core, as its kind and innermost frames. Not
    memory still held at exit (the interpreter frees little of its own then): memcheck lists
    it in the same file whatever it is asked to check."""
    found = []
    for error in ET.parse(xml_file).getroot().iter("error"):
        if (error.findtext("kind") or "").startswith("Leak_"):
            continue
        frames = [(f.findtext("obj") or "", f.findtext("fn") or "?", f.findtext("file") or "",
                   f.findtext("line") or "") for f in error.find("stack").iter("frame")]
        if any(CORE in obj for obj, *_ in frames):
            where = "; ".join(f"{fn} ({file}:{line})" if file else fn for _, fn, file, line in frames[:4])
            found.append(f"{error.findtext('kind')}: {where}")
    return found


def _env(tmp_path, **more: str) -> dict:
    # the same run every time: the hash seed fixed, so sets and dicts keep one order
    return dict(os.environ, PYTHONMALLOC="malloc", PYTHONHASHSEED="0", XDG_CACHE_HOME=str(tmp_path / "cache"), **more)


def _under_memcheck(tmp_path, script: str, *args: str, **env: str) -> tuple[str, list[str]]:
    """Run `script` under memcheck: (its standard output, the core's errors)."""
    if not shutil.which("valgrind"):
        pytest.fail(f"this test needs valgrind, which is not installed: {INSTALL}")
    report = tmp_path / "memcheck.xml"
    done = subprocess.run(
        ["valgrind", "--tool=memcheck", "--leak-check=no", "--xml=yes", f"--xml-file={report}", "--num-callers=12",
         sys.executable, "-c", script, str(ROOT), *args],
        capture_output=True, text=True, timeout=900, env=_env(tmp_path, **env))
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, _core_errors(str(report))


def test_the_core_reads_only_what_it_wrote_and_stays_in_its_blocks(tmp_path):
    args = (str(tmp_path / "rules30"), str(tmp_path / "people.pickle"))
    made = subprocess.run([sys.executable, "-c", _INPUTS, str(ROOT), *args], capture_output=True, text=True,
                          timeout=300, env=_env(tmp_path, PATHFIT_CACHE="1"))
    assert made.returncode == 0, made.stderr[-3000:]
    out, errors = _under_memcheck(tmp_path, _WORKLOAD, *args, PATHFIT_CACHE="1")
    assert out.split() == ["16"]  # every person decided and explained under memcheck
    assert errors == [], "\n".join(errors[:10])


_TWO_FACTS = r'''
import sys
sys.path.insert(0, sys.argv[1])
from pathfit.engine.pipeline.durable_adapter import DurableRuleset
BOTH = {"all": [{"a": {"$and": [{"t": "x"}]}}, {"b": {"$and": [{"t": "y"}]}}], "pri": 1}
rules = DurableRuleset({"both": BOTH})
fired = []
for person in range(3):  # one session, its facts retracted after each person
    rules.evaluate([{"t": "x", "id": "f1"}, {"t": "y", "id": "f2"}], lambda name, b: fired.append(name), 10)
rules.close()
print(len(fired))
'''


def test_retracting_both_facts_of_a_fired_rule_stays_in_the_cores_blocks(tmp_path):
    """The smallest case of the overflow: a rule fires on two facts, and the session's facts
    are retracted after the run, the second retraction searching the rule's deleted result."""
    out, errors = _under_memcheck(tmp_path, _TWO_FACTS)
    assert out.split() == ["3"]  # the rule fired once for each person
    assert errors == [], "\n".join(errors[:10])
