"""Regression: a program whose signal handler closes the engine that is deciding a person on the
same thread (`Engine.close`, or leaving a `with Engine.load()` block) waited for the evaluation it
had interrupted, on the same thread, for ever. Now it is PF508, the evaluation it interrupted ends
as it would have, and the engine, still open, decides and then closes as any other. The handler
runs right after a call of durable-rules' core, as a real signal's does; in a child process, so
that the hang this pins ends at its timeout."""
from __future__ import annotations

import json
import subprocess
import sys

from pathfit.engine.pipeline.run import reentered_error

from .core_calls import HANDLER_PRELUDE, HANDLER_TWICE, PERSON
from .helpers import ROOT

_SCRIPT = HANDLER_PRELUDE + r"""
def handler(signum, frame):
    try:
        engine.close()
        inner.append("closed")
    except PathfitError as exc:
        inner.append([p.code for p in exc.problems])

""" + HANDLER_TWICE + r"""try:
    engine.evaluate(person)
    closed = "decided"
except PathfitError as exc:
    closed = [p.code for p in exc.problems]
print(json.dumps([inner, outer == expected, after == expected, closed]))
"""


def test_close_from_a_handler_inside_an_evaluation_is_pf508_not_a_hang():
    done = subprocess.run([sys.executable, "-c", _SCRIPT, json.dumps(PERSON), str(ROOT)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[["PF508"]], True, True, ["PF506"]], done.stdout


def test_the_refusal_says_which_call_came_from_inside():
    assert "(close was called from inside" in reentered_error("close").problems[0].message
    assert "(evaluate was called from inside" in reentered_error().problems[0].message
