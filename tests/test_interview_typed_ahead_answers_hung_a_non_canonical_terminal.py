"""Regression: the wait before a typed answer is read (cli/interrupts.py wait_for_a_line) asked the
terminal's descriptor whether a line was there. That holds only of a terminal in canonical mode,
which gives a read one line at a time; one in non-canonical mode (`stty -icanon`) gives a read all
that was typed, so answers typed ahead were read into the stream's buffer with the first, the
descriptor showed nothing more, and the interview waited at its next question for ever, those
answers unread. Such a terminal is now read as before, without the wait."""
from __future__ import annotations

import io
import os
import pty
import signal
import termios

import pytest

from pathfit.cli.interrupts import wait_for_a_line


class StillWaiting(Exception):
    pass


def _timed_out(signum: int, frame: object) -> None:
    raise StillWaiting


@pytest.mark.parametrize("canonical", [True, False])
def test_an_answer_typed_ahead_is_read_without_waiting_for_another(canonical: bool) -> None:
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[3] = attrs[3] | termios.ICANON if canonical else attrs[3] & ~termios.ICANON
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(slave, "r", closefd=True)), encoding="utf-8")
    previous = signal.signal(signal.SIGALRM, _timed_out)
    try:
        os.write(master, b"1\n2\n")
        assert stdin.readline() == "1\n"
        signal.setitimer(signal.ITIMER_REAL, 3)  # a wait that never ends is failed, not hung
        wait_for_a_line(stdin)
        signal.setitimer(signal.ITIMER_REAL, 0)
        assert stdin.readline() == "2\n"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        stdin.close()
        os.close(master)
