"""Regression: on a terminal that says it is dumb (TERM=dumb, as an editor's shell buffer
does), `pathfit interview` drew its choice lists with prompt_toolkit all the same: reverse
video, cursor moves up and left, bracketed paste switched on and off, which such a terminal
prints as text around every question. Now a dumb terminal is asked as piped input is, one
numbered question and a typed answer at a time, with no escape sequence."""
from __future__ import annotations

import os
import sys

import pexpect
import yaml

from .helpers import ROOT


def test_a_dumb_terminal_is_asked_line_by_line_with_no_escape_sequence(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="dumb", PYTHONPATH=os.pathsep.join(sys.path))
    saved = tmp_path / "person.yaml"
    child = pexpect.spawn(sys.executable, ["-m", "pathfit.cli.main", "interview", "--save", str(saved)], env=env,
                          cwd=str(ROOT), encoding="utf-8", timeout=20, dimensions=(30, 100))
    seen = ""
    try:
        for _ in range(3):  # the three yes/no screening questions, answered as typed
            child.expect(r"\n> ")
            seen += child.before + child.after
            child.send("no\r")
        child.expect(r"\n> ")
        seen += child.before + child.after
        child.send("quit\r")
        child.expect(pexpect.EOF)
        seen += child.before
    finally:
        child.close()
    assert child.exitstatus == 0, seen
    assert "1) Yes  2) No" in seen
    assert "\x1b" not in seen, repr(seen[:400])
    assert yaml.safe_load(saved.read_text()) == {
        "wellbeing_concern": False, "formal_performance_process": False, "systemic_cause": False}
