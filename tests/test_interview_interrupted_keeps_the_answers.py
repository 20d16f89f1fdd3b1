"""Ctrl-C during `pathfit interview` makes no decision and records nothing, and keeps the answers
given: written to `--save`, or shown on stderr to keep, exit status 130 (as an interrupted batch).
Regression: click's "Aborted!" with exit status 1, the answers given lost and `--save` not
written, though a conversation is never lost for a file its end could not write."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import yaml

from .audit_support import make_key

PATHFIT = [sys.executable, "-m", "pathfit.cli.main"]


def _interrupted(tmp_path, *args: str, **more_env: str) -> subprocess.CompletedProcess:
    """The interview given two answers (no, no), then sent SIGINT while it waits for the third."""
    env = {**os.environ, "NO_COLOR": "1", "PATHFIT_CACHE": "0", **more_env}
    proc = subprocess.Popen([*PATHFIT, "interview", *args], cwd=tmp_path, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write("no\nno\n")
    proc.stdin.flush()
    seen = ""
    deadline = time.monotonic() + 60
    while "question 3," not in seen and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:  # ended before the third question: what it said is in the result
            break
        seen += line
    time.sleep(0.3)  # at the third question's prompt, reading
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, seen + out, err)


def test_ctrl_c_saves_the_answers_given_and_records_nothing(tmp_path):
    done = _interrupted(tmp_path, "--save", "s.yaml", "--audit-log", "a.jsonl", "--subject", "E1",
                        PATHFIT_AUDIT_KEY_FILE=str(make_key(tmp_path)))
    assert done.returncode == 130, (done.stdout, done.stderr)
    assert "(interrupted: no decision was made and nothing was recorded)" in done.stderr  # status, on stderr
    assert "Recommendation" not in done.stdout and "Traceback" not in done.stderr and "Aborted" not in done.stderr
    saved = yaml.safe_load((tmp_path / "s.yaml").read_text())
    assert len(saved) == 3 and saved["subject"] == "E1"  # the two answers and whom they are about
    assert all(v is False for k, v in saved.items() if k != "subject")
    assert not (tmp_path / "a.jsonl").exists()


def test_ctrl_c_without_save_shows_the_answers_to_keep(tmp_path):
    done = _interrupted(tmp_path)
    assert done.returncode == 130, (done.stdout, done.stderr)
    assert "The answers were not saved; here they are, to keep:" in done.stderr
    kept = yaml.safe_load(done.stderr.split("here they are, to keep:", 1)[1].split("(interrupted", 1)[0])
    assert len(kept) == 2 and set(kept.values()) == {False}
