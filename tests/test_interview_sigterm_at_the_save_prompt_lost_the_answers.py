"""Regression: SIGTERM while the interview waited at its last prompt ("Save these answers as a
profile?") was taken for a person declining the save: "The answers were not saved." and exit
status 0, the answers shown nowhere, where SIGTERM at a question (or while the advice is made
or shown) keeps them on stderr and ends with status 130, and a hang-up at that very prompt
keeps them too. A supervisor's stop is no answer to the prompt: the answers are now kept on
stderr and the interview ends with 130, saying what was recorded. Ctrl-C and Ctrl-D there
still decline the save (tests/test_interview_save_prompt_eof.py)."""
from __future__ import annotations

import os
import signal
import sys

import pexpect
import yaml

from .helpers import ROOT
from .terminal_support import signalled_at_the_save_prompt

PROFILE = ROOT / "examples" / "new-vp-wants-structure.yaml"  # complete: no question, the advice, the prompt


def test_sigterm_at_the_save_prompt_keeps_the_answers_and_ends_with_130(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm", PYTHONPATH=os.pathsep.join(sys.path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    child = pexpect.spawn(sys.executable, ["-m", "pathfit.cli.main", "interview", "--profile", str(PROFILE)],
                          env=env, cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(30, 100))
    child.expect("Recommendation")
    rest = signalled_at_the_save_prompt(child, signal.SIGTERM)
    child.close()
    assert child.exitstatus == 130, rest
    assert "(interrupted: nothing was recorded)" in rest
    kept = yaml.safe_load(rest.split("here they are, to keep:\n", 1)[1].split("(interrupted", 1)[0])
    assert kept == _sets_sorted(yaml.safe_load(PROFILE.read_text())["facts"]), rest
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == []  # nothing saved


def _sets_sorted(facts: dict) -> dict:
    """The profile's facts as a saved profile writes them: a set's items in order."""
    return {name: sorted(value) if isinstance(value, list) else value for name, value in facts.items()}
