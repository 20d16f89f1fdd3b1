"""Regression: a process that forked while another of its threads was waiting for an engine's
lock (an evaluation asked for while another ran, or in the instant before asking) left that
thread noted in the child as inside an evaluation, for ever, since a fork copies only the thread
that forked. The child's next thread is often given the departed thread's identity (its stack is
reused), and every evaluation it made with the engine was then PF508, "deciding a person on this
thread already". The waiting thread is held here just before it takes the lock while the main
thread forks. Now the child forgets every thread but its own, and its threads evaluate as the
parent's do."""
from __future__ import annotations

from .helpers import run_forking_script


# Thread B asks for the engine's lock and is held there (the lock wrapped) until the fork is
# done; the main thread forks meanwhile. The child evaluates on a thread of its own, under an
# alarm, and says what it decided (or the codes it was refused with).
_FORK = """
import os, threading
from pathfit.engine import Engine, PathfitError

PERSON = {"goal_clarity": "specific", "needs": ["performance"], "mentor_available": True}
rules = Engine.load()
expected = rules.evaluate(PERSON).outcome
asking, forked = threading.Event(), threading.Event()
runner = rules._runner
real = runner._lock
class Asked:
    def acquire(self, *args):
        return real.acquire(*args)
    def release(self):
        real.release()
    def __enter__(self):
        if threading.current_thread().name == "b":
            asking.set()
            forked.wait(10)
        real.acquire()
    def __exit__(self, *exc):
        real.release()
runner._lock = Asked()
out = {}
b = threading.Thread(target=lambda: out.setdefault("b", rules.evaluate(PERSON).outcome), name="b")
b.start(); asking.wait(10)
pid = os.fork()
if pid == 0:
    import signal
    signal.alarm(10)
    got = []
    def child():
        try:
            got.append(rules.evaluate(PERSON).outcome == expected)
        except PathfitError as exc:
            got.append([p.code for p in exc.problems])
    for _ in range(3):
        t = threading.Thread(target=child); t.start(); t.join()
    os.write(1, f"child threads decided as the parent: {got}\\n".encode())
    os._exit(0)
forked.set()
_, status = os.waitpid(pid, 0)
b.join(10)
print("child exit:", os.waitstatus_to_exitcode(status))
print("thread b decided as alone:", out.get("b") == expected)
"""


def test_a_childs_threads_evaluate_after_a_fork_while_a_thread_waited_for_the_engine(tmp_path):
    done = run_forking_script(_FORK, tmp_path)
    assert (done.returncode, done.stdout.splitlines()) == \
        (0, ["child threads decided as the parent: [True, True, True]", "child exit: 0",
             "thread b decided as alone: True"]), done.stderr
