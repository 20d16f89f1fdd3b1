"""Same rules and facts -> the same decision and trace, byte for byte: whatever the
order of facts, of rules within a file, of files, or PYTHONHASHSEED."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import yaml

from pathfit.engine import Engine

from .helpers import ROOT, bundled_copy

PROFILE = {
    "needs": ["performance", "career_direction", "organisational_know_how"],
    "goal_clarity": "specific", "measurable_soon": True, "horizon_months": 30,
    "preferred_structure": "flexible", "guidance_style": "advice_from_experience",
    "career_stage": "senior_leader", "trigger": "new_role", "ready_for_change": True,
    "hours_per_month": 3, "mentor_available": True, "budget_external_coach": False,
}


def _canonical(decision) -> str:
    return json.dumps(decision.to_dict(), sort_keys=True)


def test_fact_order_does_not_matter():
    with Engine.load() as engine:
        baseline = _canonical(engine.evaluate(PROFILE))
        rng = random.Random(7)
        for _ in range(20):
            items = list(PROFILE.items())
            rng.shuffle(items)
            shuffled = {k: (rng.sample(v, len(v)) if isinstance(v, list) else v) for k, v in items}
            assert _canonical(engine.evaluate(shuffled)) == baseline


def test_rule_and_file_order_does_not_matter(tmp_path: Path):
    with Engine.load() as engine:
        baseline = _canonical(engine.evaluate(PROFILE))
    rules_dir = bundled_copy(tmp_path)
    rule_files = [p for p in rules_dir.glob("*.yaml") if p.name not in ("schema.yaml", "policy.yaml")]
    every_rule = []
    for path in rule_files:
        every_rule.extend(yaml.safe_load(path.read_text())["rules"])
        path.unlink()
    random.Random(3).shuffle(every_rule)
    # the same rules, re-split into differently named files in a shuffled order
    for i in range(0, len(every_rule), 7):
        (rules_dir / f"zz_{50 - i:03d}.yaml").write_text(yaml.safe_dump({"rules": every_rule[i:i + 7]}))
    with Engine.load(rules_dir) as engine:
        assert _canonical(engine.evaluate(PROFILE)) == baseline


def test_hash_seed_does_not_matter():
    script = ("import json,sys; from pathfit import Engine; "
              "e=Engine.load(); print(json.dumps(e.evaluate(json.loads(sys.argv[1])).to_dict(), sort_keys=True))")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script, json.dumps(PROFILE)], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_repeated_evaluation_is_identical():
    with Engine.load() as engine:
        first = _canonical(engine.evaluate(PROFILE))
        assert all(_canonical(engine.evaluate(PROFILE)) == first for _ in range(50))
