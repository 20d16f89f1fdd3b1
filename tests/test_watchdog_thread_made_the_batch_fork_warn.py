"""The tests' watchdog against a hang was faulthandler's timer, a thread: every `--jobs`
batch a watched test ran then forked beside a thread, which Python 3.12 and later warn of
(28 warnings in a run of the suite). The watchdog is now an alarm that faulthandler handles
in C. Held here to what it is for: no thread while it watches, and a process hung in a system
call ended, with its stack printed."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

from .helpers import ROOT

_HUNG = """
import os, sys
sys.path.insert(0, sys.argv[1])
from tests.helpers import watchdog
r, w = os.pipe()
with watchdog(1):
    print(len(os.listdir("/proc/self/task")), flush=True)
    os.read(r, 1)  # nobody writes: blocked for good
print("not reached", flush=True)
"""


def test_the_watchdog_ends_a_process_blocked_in_a_system_call_without_a_thread():
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _HUNG, str(ROOT)], capture_output=True, text=True, timeout=30)
    took = time.monotonic() - started
    assert done.returncode == -signal.SIGALRM
    assert done.stdout == "1\n"  # the main thread alone while it watched
    assert 'File "<string>", line 8 in <module>' in done.stderr
    assert took < 20


def test_the_watchdog_leaves_the_alarm_as_it_found_it():
    from .helpers import watchdog

    before = signal.getsignal(signal.SIGALRM)
    with watchdog(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.alarm(0) == 0  # no alarm left pending


_AFTER = """
import signal, sys
sys.path.insert(0, sys.argv[1])
from tests.helpers import watchdog
caught = []
signal.signal(signal.SIGALRM, lambda signum, frame: caught.append(signum))
with watchdog(5):
    pass
signal.raise_signal(signal.SIGALRM)
print(caught == [signal.SIGALRM], flush=True)
"""


def test_an_alarm_after_the_watchdog_reaches_the_handler_before_it_and_nothing_else():
    """faulthandler's handler is in C, out of signal.getsignal's sight: held to it by what an
    alarm then does, in a process of its own. Left registered, it would print every thread's
    stack before handing the alarm on."""
    done = subprocess.run([sys.executable, "-c", _AFTER, str(ROOT)], capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")
