"""The allocator tuning (durable_adapter.tune_allocator) changes only speed:
decisions on a large synthetic base are byte-identical in a process where it
applied and in one where it was switched off (PATHFIT_MALLOC_TUNE=0)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from pathfit.engine import Engine
from pathfit.engine.pipeline import durable_adapter
from tools import synth
synth.write_rule_base(sys.argv[1], 300, seed=4)
engine = Engine.load(sys.argv[1])
people = synth.profiles(engine.ruleset, 25, seed=8, known_fraction=0.8)
print(json.dumps({"tuned": durable_adapter.tune_allocator(),
                  "decisions": [engine.evaluate(p).to_dict() for p in people]}, sort_keys=True))
"""


def _run(tmp_path: Path, flag: str) -> dict:
    env = dict(os.environ, PATHFIT_MALLOC_TUNE=flag, PATHFIT_CACHE="0")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / f"rules{flag}")], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def test_allocator_tuning_leaves_decisions_identical(tmp_path):
    tuned, untuned = _run(tmp_path, "1"), _run(tmp_path, "0")
    assert untuned["tuned"] is False
    if sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc"):
        assert tuned["tuned"] is True
    assert tuned["decisions"] == untuned["decisions"]
    assert len(tuned["decisions"]) == 25
