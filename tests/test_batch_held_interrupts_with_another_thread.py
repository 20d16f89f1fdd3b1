"""Regression: a batch held Ctrl-C and SIGTERM off (while forking its workers, while ending
them, from the audit log's commit to the output's rename) by blocking them in the main thread
alone. With another thread running in the process, the kernel handed the signal to that
thread and Python ran the handler in the main thread all the same, in the middle of the step:
workers forked and left running, a second interrupt leaving zombies, "nothing appended" said
of records that were in the log. Each step is now held whatever threads run, and the held
signal does what it would have done, once, after the step."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

import pytest

from . import test_batch_commit as commit
from . import test_batch_interrupted_while_forking_left_its_workers as forking
from . import test_batch_second_interrupt_left_a_worker_unwaited as ending


@contextmanager
def another_thread() -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("at_fork", [1, 3])
def test_an_interrupt_while_forking_waits_for_the_last_fork_with_another_thread(tmp_path, monkeypatch, at_fork):
    with another_thread():
        forking.test_an_interrupt_while_the_workers_are_forked_leaves_no_worker_and_no_pipe(
            tmp_path, monkeypatch, at_fork)


def test_a_second_interrupt_while_ending_the_workers_waits_for_every_one_with_another_thread(tmp_path, monkeypatch):
    with another_thread():
        ending.test_an_interrupt_while_the_workers_are_ended_leaves_none_unwaited(tmp_path, monkeypatch)


def test_sigterm_after_the_append_waits_for_the_rename_with_another_thread(tmp_path, monkeypatch):
    with another_thread():
        commit.test_sigterm_just_after_the_append_no_longer_says_nothing_was_appended(tmp_path, monkeypatch)


def test_a_signal_held_while_ignored_does_nothing_and_the_handlers_are_put_back():
    from pathfit.engine.cohort.held import stops_held

    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with another_thread():
            with stops_held():
                os.kill(os.getpid(), signal.SIGINT)
            assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


@pytest.mark.parametrize("threads", [0, 1])
def test_a_signal_left_to_the_system_ends_the_process_once_the_step_is_whole(threads):
    """SIGTERM with its default action: held, the step finishes, then the process ends by it,
    as it would have at once."""
    program = (
        "import os, signal, sys, threading\n"
        "from pathfit.engine.cohort.held import stops_held\n"
        "signal.signal(signal.SIGTERM, signal.SIG_DFL)\n"
        f"for _ in range({threads}): threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
        "with stops_held():\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    print('whole', flush=True)\n"
        "print('after', flush=True)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (-signal.SIGTERM, "whole\n", "")
