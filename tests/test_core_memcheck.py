"""The C core under valgrind's memcheck: nothing it reads was never written, and nothing it
reads or writes lies outside its blocks.

AddressSanitizer (.ci/asan) stops a read or write outside a block, but reads whatever a
block holds as if it were meant. Retracting a fact after the rule it matched had fired once
searched a deleted result's slots, some never written, and how far the search ran (in the
end, past the block) depended on what they held; memcheck names the first such read.
Everything runs in one child process under memcheck, about fifty times slower than
natively, so the workload is small: the bundled rules and a layered base of 30 rules, people
with every input known and with some unknown, each decided and explained, one session reused
throughout. Only errors with a frame in the core count: the interpreter's own reports (its
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

_WORKLOAD = r'''
import sys
sys.path.append(sys.argv[1])
from pathlib import Path
from tools import synth
from pathfit.engine import Engine

base = Path(sys.argv[2])
synth.write_rule_base(base, 30, seed=11)
decided = 0
for engine in (Engine.load(), Engine.load(base)):
    for known in (1.0, 0.5):
        for profile in synth.profiles(engine.ruleset, 4, seed=7, known_fraction=known):
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


def test_the_core_reads_only_what_it_wrote_and_stays_in_its_blocks(tmp_path):
    if not shutil.which("valgrind"):
        pytest.fail(f"this test needs valgrind, which is not installed: {INSTALL}")
    report = tmp_path / "memcheck.xml"
    env = dict(os.environ, PYTHONMALLOC="malloc", XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run(
        ["valgrind", "--tool=memcheck", "--leak-check=no", "--xml=yes", f"--xml-file={report}", "--num-callers=12",
         sys.executable, "-c", _WORKLOAD, str(ROOT), str(tmp_path / "rules30")],
        capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["16"]  # every person decided and explained under memcheck
    errors = _core_errors(str(report))
    assert errors == [], "\n".join(errors[:10])
