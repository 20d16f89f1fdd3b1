"""Regression: an interview started with hang-ups or SIGTERM ignored (`nohup pathfit interview
< answers.txt &`, `trap '' HUP TERM` in a script) put its own handlers over the ignoring: a
hang-up ended it with exit status 129 and no decision, as if its terminal had gone, and a
SIGTERM stopped it as Ctrl-C does. What a signal was set to ignore before pathfit started is now
left ignored, as Python leaves an ignored Ctrl-C: the interview goes on and decides."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from .helpers import ROOT


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_ignored_before_the_interview_started_stays_ignored(tmp_path, signum: int) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "interview"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PATHFIT_RULES": str(ROOT / "rules")},
                            preexec_fn=lambda: signal.signal(signum, signal.SIG_IGN))
    proc.stdin.write("no\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    seen = ""
    while "Q2." not in seen and time.monotonic() < deadline:  # one answer taken: the conversation is under way
        seen += os.read(proc.stdout.fileno(), 4096).decode()
    assert "Q2." in seen, seen
    proc.send_signal(signum)
    time.sleep(0.2)
    out, err = proc.communicate("no\nno\nquit\n", timeout=60)
    assert proc.returncode == 0, (out, err)
    assert "Recommendation" in out


def test_a_batch_started_with_sigterm_ignored_runs_to_its_end(tmp_path) -> None:
    """The same for `batch`, which made SIGTERM Ctrl-C's over a SIGTERM its starter ignored."""
    rows = (ROOT / "examples" / "corpus.jsonl").read_text().splitlines(keepends=True)
    cohort = tmp_path / "cohort.jsonl"
    os.mkfifo(cohort)  # rows come when written: the batch is reading, its handlers set, when the signal comes
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "batch", str(cohort), "--out",
                             str(tmp_path / "out.jsonl")], cwd=tmp_path, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PATHFIT_RULES": str(ROOT / "rules")},
                            preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_IGN))
    deadline = time.monotonic() + 60
    while True:  # opened once the batch opens its end: never blocked on a batch that ended first
        try:
            fd = os.open(cohort, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate(timeout=60)
            time.sleep(0.05)
    os.set_blocking(fd, True)
    with open(fd, "w") as feed:
        feed.writelines(rows[:5])
        feed.flush()
        time.sleep(1.5)  # started, rules loaded, the first rows read
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        feed.writelines(rows[5:10])
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 10
