"""An Engine used after close() says so with its own code, and close() from another thread
waits for an evaluation under way.

Regression: evaluate after close() reached durable-rules' freed ruleset and raised its bare
`durable_rules_engine.error` ("Could not assert fact, error code: 111"), no PathfitError.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pathfit.engine import CODES, Engine, PathfitError

PROFILE = {"needs": ["performance"], "goal_clarity": "specific"}


def _closed_code(call, *args) -> list[str]:
    with pytest.raises(PathfitError) as refused:
        call(*args)
    return [p.code for p in refused.value.problems]


def test_evaluate_and_check_after_close_are_pf506():
    with Engine.load() as rules:
        rules.evaluate(PROFILE)
    assert _closed_code(rules.evaluate, PROFILE) == ["PF506"]
    assert _closed_code(rules.check, PROFILE) == ["PF506"]
    rules.close()  # a second close is harmless
    assert _closed_code(rules.evaluate, PROFILE) == ["PF506"]
    assert "PF506" in CODES


def test_a_decision_made_before_close_stays_whole():
    with Engine.load() as rules:
        decision = rules.evaluate(PROFILE)
        with Engine.load() as other:
            expected = other.evaluate(PROFILE).to_dict()
    assert decision.to_dict() == expected  # its explanation is worked out after close, from the rule set


# Thread A evaluates, held inside durable-rules' first action; thread B closes meanwhile. B must
# wait for A's evaluation to end (the C ruleset is freed only then), and later calls are PF506.
_RACE = """
import threading, time
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline import durable_rules_engine as core

started, go = threading.Event(), threading.Event()
class Held:
    def __getattr__(self, name):
        return getattr(core, name)
    def start_action_for_state(self, *args):
        started.set()
        go.wait(10)
        return core.start_action_for_state(*args)

rules = Engine.load()
rules._runner.engine._module = Held()
out = {}
a = threading.Thread(target=lambda: out.setdefault("a", rules.evaluate({"goal_clarity": "specific"}).outcome))
b = threading.Thread(target=rules.close)
a.start(); started.wait(10); b.start(); time.sleep(0.3)
print("closer waited:", b.is_alive())
go.set(); a.join(10); b.join(10)
print("evaluated:", out.get("a"))
try:
    rules.evaluate({"goal_clarity": "specific"})
except PathfitError as err:
    print("after:", err.problems[0].code)
"""


def test_close_from_another_thread_waits_for_the_evaluation_under_way(tmp_path):
    env = {**os.environ, "PATHFIT_CACHE": "0"}
    env.pop("PATHFIT_RULES", None)
    done = subprocess.run([sys.executable, "-c", _RACE], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout.splitlines()) == \
        (0, ["closer waited: True", "evaluated: undetermined", "after: PF506"]), done.stderr
