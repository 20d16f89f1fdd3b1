"""A process that forks while another of its threads is keeping one of the explanation's
answers (explain/kept.py holds a lock while it keeps one, so that threads sharing an engine
keep them one at a time): a fork copies only the thread that forked, so that lock would stay
held in the child for ever, and the child's first explanation would never return. The child
gets a lock of its own and explains as the parent does."""
from __future__ import annotations

from .helpers import run_forking_script


# Thread A explains a person, held inside its first keeping of an answer (the lock held) until
# a timer lets it go; the main thread forks meanwhile. The child explains another person under
# an alarm (SIGALRM kills it if the explanation never returns) and says whether it is as expected.
_FORK = """
import os, threading
from pathfit.engine import Engine
from pathfit.engine.explain import kept

FIRST = {"goal_clarity": "specific", "needs": ["performance"], "mentor_available": True}
OTHER = {"goal_clarity": "emerging", "horizon_months": 18, "mentor_available": False}
with Engine.load() as alone:
    expected = alone.evaluate(OTHER).to_dict()
rules = Engine.load()
started, go = threading.Event(), threading.Event()
keep = kept.Answers.keep
def held(self, *args):
    if not go.is_set():
        started.set()
        go.wait(10)
    return keep(self, *args)
kept.Answers.keep = held
out = {}
a = threading.Thread(target=lambda: out.setdefault("a", rules.evaluate(FIRST).to_dict()["recommendation"]))
a.start(); started.wait(10)
threading.Timer(0.3, go.set).start()
pid = os.fork()
if pid == 0:
    import signal
    signal.alarm(10)
    go.set()  # the child has no thread A: its own keeping is not held
    same = rules.evaluate(OTHER).to_dict() == expected
    os.write(1, f"child explained as one engine alone: {same}\\n".encode())
    os._exit(0)
_, status = os.waitpid(pid, 0)
a.join(10)
print("child exit:", os.waitstatus_to_exitcode(status))
print("thread explained:", out.get("a") is not None)
print("parent explains:", rules.evaluate(OTHER).to_dict() == expected)
"""


def test_a_child_forked_while_an_answer_was_kept_explains(tmp_path):
    done = run_forking_script(_FORK, tmp_path)
    assert (done.returncode, done.stdout.splitlines()) == \
        (0, ["child explained as one engine alone: True", "child exit: 0", "thread explained: True",
             "parent explains: True"]), done.stderr
