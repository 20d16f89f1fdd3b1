"""A program's alarm ringing at random moments of many evaluations, in a process of its own: for
the tests that an evaluation cut short wherever the alarm lands (inside an action, between two
calls of durable-rules' core, while the facts are taken back) never leaves the engine deciding
otherwise, and never turns the program's exception into a PathfitError."""
from __future__ import annotations

import json
import subprocess
import sys

_STORM = r"""
import json, random, signal, sys
from pathfit import Engine
person, raised, rings, seed = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
class Late(Exception):
    pass
Raised = KeyboardInterrupt if raised == "KeyboardInterrupt" else Late
def ring(signum, frame):
    raise Raised()
signal.signal(signal.SIGALRM, ring)
chance = random.Random(seed)
interrupted = tries = 0
with Engine.load() as engine:
    while interrupted < rings and tries < 50000:
        tries += 1
        try:
            signal.setitimer(signal.ITIMER_REAL, chance.uniform(1e-6, 1e-3))
            engine.evaluate(person)
        except Raised:
            interrupted += 1
        except Exception as exc:  # any other outcome of an interrupted evaluation is reported
            signal.setitimer(signal.ITIMER_REAL, 0)
            print(interrupted, type(exc).__name__, exc, file=sys.stderr)
            sys.exit(1)
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        except Raised:  # it rang after the evaluation ended
            pass
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    print(interrupted, json.dumps(engine.evaluate(person).to_dict(), sort_keys=True))
"""


def storm(person: dict, raised: str, rings: int, seed: int) -> tuple[int, str]:
    """(evaluations the alarm cut short, the person's decision after them, as sorted JSON): the
    alarm's handler raises KeyboardInterrupt, or (`raised` anything else) the program's own
    exception; the child fails the test on any other outcome of an evaluation."""
    done = subprocess.run([sys.executable, "-c", _STORM, json.dumps(person), raised, str(rings), str(seed)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    interrupted, decided = done.stdout.split(" ", 1)
    return int(interrupted), decided.strip()
