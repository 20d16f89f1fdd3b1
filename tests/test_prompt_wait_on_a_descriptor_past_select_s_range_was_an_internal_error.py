"""Regression: the wait before an interview reads a typed line (cli/interrupts.py wait_for_a_line)
waits with select(), which takes no descriptor numbered past its range (FD_SETSIZE, 1024 on
Linux). A process started holding more than a thousand descriptors (inherited from its parent, with
the limit of open files raised) got the wait's wake-up pipe numbered past it: select() raised
ValueError, and the interview ended at its first question with "pathfit: internal error:
ValueError: filedescriptor out of range in select()". The line is now read as before the wait
was added."""
from __future__ import annotations

import select

from .terminal_support import line_read_past_a_failed_wait


def test_a_descriptor_select_cannot_wait_on_reads_the_line_as_before(monkeypatch) -> None:
    def out_of_range(*args: object) -> tuple:  # as select.select says of a descriptor past FD_SETSIZE
        raise ValueError("filedescriptor out of range in select()")

    assert line_read_past_a_failed_wait(monkeypatch, select, "select", out_of_range) == "1\n"
