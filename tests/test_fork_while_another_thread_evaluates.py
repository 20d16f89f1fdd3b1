"""Regression: a process that forked while another of its threads was evaluating with an
engine gave the child that engine's lock held for ever (a fork copies only the thread that
forked), so the child's first evaluation with it never returned. Now a fork waits for the
evaluation under way to end, and the child evaluates with the engine as the parent does."""
from __future__ import annotations

from .helpers import run_forking_script


# Thread A evaluates, held inside durable-rules' first action until a timer lets it go; the
# main thread forks meanwhile. The child evaluates under an alarm (SIGALRM kills it if its
# evaluation never returns) and says what it decided.
_FORK = """
import os, threading, time
from pathfit.engine import Engine
from pathfit.engine.pipeline import durable_rules_engine as core

PERSON = {"goal_clarity": "specific", "needs": ["performance"], "mentor_available": True}
started, go = threading.Event(), threading.Event()
class Held:
    def __getattr__(self, name):
        return getattr(core, name)
    def start_action_for_state(self, *args):
        if not go.is_set():
            started.set()
            go.wait(10)
        return core.start_action_for_state(*args)

rules = Engine.load()
expected = rules.evaluate(PERSON).to_dict()
rules._runner.engine._module = Held()
out = {}
a = threading.Thread(target=lambda: out.setdefault("a", rules.evaluate({"goal_clarity": "specific"}).outcome))
a.start(); started.wait(10)
threading.Timer(0.3, go.set).start()
pid = os.fork()
if pid == 0:
    import signal
    signal.alarm(10)
    same = rules.evaluate(PERSON).to_dict() == expected
    rules.close()
    os.write(1, f"child decided as the parent: {same}\\n".encode())
    os._exit(0)
_, status = os.waitpid(pid, 0)
a.join(10)
print("child exit:", os.waitstatus_to_exitcode(status))
print("thread evaluated:", out.get("a"))
print("parent decides:", rules.evaluate(PERSON).to_dict() == expected)
"""


def test_a_child_forked_during_an_evaluation_evaluates_with_the_engine(tmp_path):
    done = run_forking_script(_FORK, tmp_path)
    assert (done.returncode, done.stdout.splitlines()) == \
        (0, ["child decided as the parent: True", "child exit: 0", "thread evaluated: undetermined",
             "parent decides: True"]), done.stderr
