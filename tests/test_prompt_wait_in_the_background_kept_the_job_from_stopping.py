"""Regression: the wait before an interview's line is read (cli/interrupts.py wait_for_a_line,
which lets a signal end it at once) also waited in the background of a shell's job control
(`pathfit interview &`), where reading the terminal stops the process with SIGTTIN and the shell
says it waits for input: the job waited unseen instead. In the background the line is now read
at once, as before the wait was added, and job control stops it as it stops any reader."""
from __future__ import annotations

import sys

import pexpect

# a process of a group that is not the terminal's foreground one (a background job) waits for a line
CHILD = ("import os, sys\n"
         "from pathfit.cli.interrupts import wait_for_a_line\n"
         "pid = os.fork()\n"
         "if pid == 0:\n"
         "    os.setpgid(0, 0)\n"
         "    print('waiting', flush=True)\n"
         "    wait_for_a_line(sys.stdin)\n"
         "    print('not waited', flush=True)\n"
         "    os._exit(0)\n"
         "os.waitpid(pid, 0)\n")


def test_in_the_background_the_line_is_read_without_waiting() -> None:
    child = pexpect.spawn(sys.executable, ["-c", CHILD], encoding="utf-8", timeout=10)
    try:
        child.expect_exact("waiting")
        assert child.expect(["not waited", pexpect.TIMEOUT], timeout=5) == 0, "it waited in the background"
    finally:
        child.close(force=True)
