"""Regression: at a terminal whose questions are typed (TERM=dumb, an editor's shell buffer, or
stdout not a terminal), a SIGTERM that reached the interview after Python last looked for a signal
and before the read of the answer blocked was acted on only once someone pressed Enter, as at the
save prompt (tests/test_interview_signal_at_the_save_prompt_waited_for_enter.py, whose way of
putting the process in that state without racing this test shares). The answer is now read once
the terminal has a line, the wait ending at once for a signal: the interview stops (exit status
130, the answers kept). A pipe is read as before: its reader may hold lines its descriptor does
not show."""
from __future__ import annotations

import sys

import pexpect

from .helpers import tiny_copy
from .terminal_support import stopped_while_waiting
from .test_interview_signal_at_the_save_prompt_waited_for_enter import CHILD, _env


def test_sigterm_due_as_a_typed_question_waits_ends_the_interview_at_once(tmp_path) -> None:
    child = pexpect.spawn(sys.executable, ["-c", CHILD, "interview", "--rules", str(tiny_copy(tmp_path))],
                          env={**_env(tmp_path), "TERM": "dumb"}, cwd=str(tmp_path), encoding="utf-8", timeout=30,
                          dimensions=(30, 100))
    child.expect_exact("Q1.")
    child.expect_exact("> ")
    ended, rest = stopped_while_waiting(child)
    assert ended, "the interview still waited for an answer after SIGTERM: " + rest
    assert child.exitstatus == 130, rest
    assert "(interrupted: no decision was made and nothing was recorded)" in rest
