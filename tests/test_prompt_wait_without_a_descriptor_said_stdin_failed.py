"""Regression: the wait before an interview reads a typed line (cli/interrupts.py wait_for_a_line)
opens a pipe for a signal to wake it. A process with no descriptor left for that pipe (at its limit
of open files) raised the OSError from the wait, which the interview's reader took for standard
input that failed: PF100 at `<stdin>` ("Too many open files"), the interview ended, though the
line was there to read. The line is now read as before the wait was added."""
from __future__ import annotations

import os

from .terminal_support import line_read_past_a_failed_wait


def test_no_descriptor_left_for_the_wait_reads_the_line_as_before(monkeypatch) -> None:
    def no_pipe() -> tuple:
        raise OSError(24, "Too many open files")

    assert line_read_past_a_failed_wait(monkeypatch, os, "pipe", no_pipe) == "1\n"
