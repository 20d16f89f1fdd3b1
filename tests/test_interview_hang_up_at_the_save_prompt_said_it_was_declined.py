"""Regression: a terminal that hung up while the interview waited at its last prompt ("Save
these answers as a profile?") was taken for a person declining the save before it was handled
as a hang-up: "The answers were not saved." was said (to the terminal that had gone, or the log
stderr was), then the answers shown to keep. A hang-up says nothing to the terminal that has
gone: the answers are now kept as on any hang-up (exit status 129), with nothing said first."""
from __future__ import annotations

import os
import signal
import sys

import pexpect

from .helpers import ROOT
from .terminal_support import signalled_at_the_save_prompt


def test_a_hang_up_at_the_save_prompt_is_no_declined_save(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm", PYTHONPATH=os.pathsep.join(sys.path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    child = pexpect.spawn(sys.executable, ["-m", "pathfit.cli.main", "interview", "--profile",
                                           str(ROOT / "examples" / "new-vp-wants-structure.yaml")],
                          env=env, cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(30, 100))
    rest = signalled_at_the_save_prompt(child, signal.SIGHUP)
    child.close()
    assert child.exitstatus == 129, rest
    assert "The answers were not saved.\n" not in rest
    assert "here they are, to keep:\n" in rest
