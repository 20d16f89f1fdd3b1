"""Regression: at a terminal, SIGINT sent to the interview by another process (`kill -INT`,
`timeout -s INT`, a supervisor) while a question's choices were a list was ignored: the list
took the signal as a key no binding had, so the interview went on waiting, neither stopped nor
its answers kept, where Ctrl-C typed and SIGINT at a typed answer stop it. SIGINT now stops it
as Ctrl-C does: exit status 130, the answers given kept in --save."""
from __future__ import annotations

import signal
import time

import pexpect
import yaml

from .terminal_support import Terminal


def test_sigint_at_a_list_stops_the_interview_and_keeps_the_answers(tmp_path) -> None:
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    for number in (1, 2):
        term.list_for(number)
        term.send("2\r")  # No
    term.list_for(3)
    time.sleep(0.3)
    term.child.kill(signal.SIGINT)
    index = term.child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=15)
    if index == 1:  # still asking: stopped here, so that the test ends
        term.child.terminate(force=True)
    term.child.close()
    assert index == 0, "SIGINT at a list was ignored"
    assert term.child.exitstatus == 130
    assert yaml.safe_load(saved.read_text()) == {"wellbeing_concern": False, "formal_performance_process": False}
