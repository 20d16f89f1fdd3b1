"""terminal_support.signalled_at_the_save_prompt read what the interview wrote after the prompt
twice over when its end took longer than one wait: pexpect keeps what a wait that timed out read,
and gives it again with what the next wait reads, and the helper added both. A test parsing the
answers kept (`here they are, to keep:`) would then read them twice, and fail for the helper's
sake. What was written is given once, whatever the waits."""
from __future__ import annotations

import signal

import pexpect

from .terminal_support import SAVE_PROMPT, signalled_at_the_save_prompt

# the prompt, then on SIGTERM a first line at once and a second after a pause longer than one wait
SCRIPT = f"trap 'echo first; sleep 0.6; echo second; exit 0' TERM; printf '%s' '{SAVE_PROMPT}'; " \
         "while :; do sleep 0.05; done"


def test_what_was_written_after_the_prompt_is_read_once() -> None:
    child = pexpect.spawn("/bin/sh", ["-c", SCRIPT], encoding="utf-8", timeout=10)
    rest = signalled_at_the_save_prompt(child, signal.SIGTERM, wait=0.2)
    child.close()
    assert rest == "first\nsecond\n", repr(rest)
