"""A program whose signal handler calls `evaluate` on the engine that is deciding a person on the
same thread gets PF508 back, and the engine decides the next person as a fresh one does.

Regression: the handler's evaluation waited for the engine's lock, which the evaluation it had
interrupted held, on the same thread: the program hung for ever. (Another thread's evaluation
still waits its turn: tests/test_engine_closed.py, test_fork_while_another_thread_evaluates.py.)
The handler runs right after a call of durable-rules' core, as a real signal's does; in a child
process, so that the hang this pins ends at its timeout.
"""
from __future__ import annotations

import json
import subprocess
import sys

from .core_calls import HANDLER_PRELUDE, PERSON
from .helpers import ROOT

_SCRIPT = HANDLER_PRELUDE + r"""
def handler(signum, frame):
    try:
        engine.evaluate(person)
        inner.append("decided")
    except PathfitError as exc:
        inner.append([p.code for p in exc.problems])
        raise


signal.signal(signal.SIGUSR1, handler)
engine.evaluate(person)  # a session opened and kept: the handler lands inside a person's run
core.armed = True
try:
    engine.evaluate(person)
    outer = "decided"
except PathfitError as exc:
    outer = [p.code for p in exc.problems]
after = json.dumps(engine.evaluate(person).to_dict(), sort_keys=True)
print(json.dumps([inner, outer, after == expected]))
engine.close()
"""


def test_evaluate_from_a_handler_inside_an_evaluation_is_pf508_not_a_hang():
    done = subprocess.run([sys.executable, "-c", _SCRIPT, json.dumps(PERSON), str(ROOT)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    inner, outer, same = json.loads(done.stdout)
    assert inner == [["PF508"]] and outer == ["PF508"] and same, done.stdout
