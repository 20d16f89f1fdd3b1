"""Stopping a command cleanly: Ctrl-C, and SIGTERM where a command treats it as Ctrl-C."""
from __future__ import annotations

INTERRUPTED = 130  # 128 + SIGINT: the status a shell expects of a tool Ctrl-C stopped


def raise_interrupt(signum: int, frame: object) -> None:
    """A SIGTERM handler for the commands that stop cleanly on Ctrl-C (batch, interview): a
    supervisor's stop gets the same clean stop (nothing half-written, an interview's answers
    kept), never a process killed halfway."""
    raise KeyboardInterrupt
