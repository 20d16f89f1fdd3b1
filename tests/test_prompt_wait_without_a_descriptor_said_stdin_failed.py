"""Regression: the wait before an interview reads a typed line (cli/interrupts.py wait_for_a_line)
opens a pipe for a signal to wake it. A process with no descriptor left for that pipe (at its limit
of open files) raised the OSError from the wait, which the interview's reader took for standard
input that failed: PF100 at `<stdin>` ("Too many open files"), the interview ended, though the
line was there to read. The line is now read as before the wait was added."""
from __future__ import annotations

import io
import os
import pty

from pathfit.cli.interrupts import wait_for_a_line


def test_no_descriptor_left_for_the_wait_reads_the_line_as_before(monkeypatch) -> None:
    master, slave = pty.openpty()
    stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(slave, "r", closefd=True)), encoding="utf-8")

    def no_pipe() -> tuple:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(os, "pipe", no_pipe)
    try:
        os.write(master, b"1\n")
        wait_for_a_line(stdin)
        assert stdin.readline() == "1\n"
    finally:
        stdin.close()
        os.close(master)
