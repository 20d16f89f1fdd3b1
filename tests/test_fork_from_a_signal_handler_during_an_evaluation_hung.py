"""A program whose signal handler forks while the same thread is deciding a person goes on in both
processes: the interrupted evaluation ends with the person's decision in the parent and in the
child, and each decides the next person as a fresh engine does.

Regression: the hook the engine runs before a fork waits for every evaluation under way, so that
a child never gets an engine half way through another thread's person; it waited also for the one
the fork had interrupted, on its own thread, and the program hung for ever in `os.fork`. (A fork
while another thread evaluates still waits for it: tests/test_fork_while_another_thread_evaluates.py.)
The handler runs right after a call of durable-rules' core, as a real signal's does; in a child
process, so that the hang this pins ends at its timeout.
"""
from __future__ import annotations

import json
import subprocess
import sys

from .core_calls import HANDLER_PRELUDE, HANDLER_TWICE, PERSON
from .helpers import ROOT

_SCRIPT = HANDLER_PRELUDE + r"""
import os
forked = []


def handler(signum, frame):
    core.armed = False
    forked.append(os.fork())

""" + HANDLER_TWICE + r"""said = [forked != [], outer == expected, after == expected]
if forked == [0]:
    with open(sys.argv[3], "w") as f:
        json.dump(said, f)
    os._exit(0)
_, status = os.waitpid(forked[0], 0)
with open(sys.argv[3]) as f:
    print(json.dumps([said, json.load(f), os.waitstatus_to_exitcode(status)]))
"""


def test_a_fork_from_a_handler_inside_an_evaluation_goes_on_in_both_processes(tmp_path):
    done = subprocess.run([sys.executable, "-c", _SCRIPT, json.dumps(PERSON), str(ROOT), str(tmp_path / "child")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    parent, child, child_status = json.loads(done.stdout)
    assert parent == [True, True, True] and child == [True, True, True] and child_status == 0, done.stdout
