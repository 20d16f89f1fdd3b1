"""Regression: SIGTERM during an interview (a supervisor stopping it, `kill` without -INT) ended
the process at once, and the answers given were lost, where Ctrl-C keeps them: written to
--save, or shown on stderr. Now SIGTERM is Ctrl-C's: no decision, nothing recorded, the answers
kept, exit status 130, as `batch` ends on SIGTERM."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import yaml

from .helpers import ROOT


def _interview(tmp_path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "interview", *args], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PATHFIT_RULES": str(ROOT / "rules")})


def _answered_two_then_terminated(proc: subprocess.Popen) -> tuple[str, str]:
    proc.stdin.write("no\nno\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    seen = ""
    while "Q3." not in seen and time.monotonic() < deadline:  # the third question asked: two answers taken
        seen += os.read(proc.stdout.fileno(), 4096).decode()
    assert "Q3." in seen, seen
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    return seen + out, err


def test_sigterm_keeps_the_answers_given_in_save_and_ends_with_130(tmp_path) -> None:
    proc = _interview(tmp_path, "--save", "person.yaml")
    out, err = _answered_two_then_terminated(proc)
    assert proc.returncode == 130, (out, err)
    assert "interrupted: no decision was made and nothing was recorded" in err  # status, on stderr
    saved = yaml.safe_load((tmp_path / "person.yaml").read_text())
    assert len(saved) == 2 and set(saved.values()) == {False}, saved


def test_sigterm_without_save_shows_the_answers_on_stderr(tmp_path) -> None:
    proc = _interview(tmp_path)
    out, err = _answered_two_then_terminated(proc)
    assert proc.returncode == 130, (out, err)
    kept = yaml.safe_load(err.split("here they are, to keep:\n", 1)[-1].split("(interrupted", 1)[0])
    assert isinstance(kept, dict) and len(kept) == 2 and set(kept.values()) == {False}, err
    assert "Recommendation" not in out
