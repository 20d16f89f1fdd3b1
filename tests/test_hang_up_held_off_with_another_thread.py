"""A hang-up while the interview's decision is recorded is held off until the record is whole
even when the process runs another thread.

Regression: the hang-up was held off by blocking SIGHUP in the main thread alone; the kernel
then gave the signal to any other running thread, and Python ran the handler in the main
thread all the same, in the middle of the record (in the test suite, a thread an earlier test
left running was enough)."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from pathfit.cli.interrupts import Conversation, HungUp


@pytest.mark.parametrize("threads", [0, 1, 3])
def test_a_hang_up_while_held_is_raised_once_the_hold_ends_whatever_threads_run(threads):
    stop = threading.Event()
    running = [threading.Thread(target=stop.wait, daemon=True) for _ in range(threads)]
    for thread in running:
        thread.start()
    try:
        finished = False
        with Conversation() as talk:
            with pytest.raises(HungUp):
                with talk.held():
                    os.kill(os.getpid(), signal.SIGHUP)
                    time.sleep(0.05)  # a handler not held off would have run by now
                    finished = True
            assert finished and talk.hung_up
            with pytest.raises(HungUp):  # once the hold has ended, a hang-up is raised at once
                os.kill(os.getpid(), signal.SIGHUP)
                time.sleep(0.05)
    finally:
        stop.set()


def test_a_hold_without_a_hang_up_ends_quietly():
    with Conversation() as talk:
        with talk.held():
            pass
        assert not talk.hung_up
