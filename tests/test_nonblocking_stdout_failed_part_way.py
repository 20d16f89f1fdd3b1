"""Regression: standard output (or error) left non-blocking (O_NONBLOCK) by whatever started
pathfit, read by a reader slower than pathfit writes, ended a large output part-way with PF619
"write could not complete without blocking (EAGAIN)", exit status 2. A full pipe that is
non-blocking is no failure: pathfit now waits until the descriptor can take more and goes on,
and the whole output arrives, the same bytes as through an ordinary pipe."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time

import pytest

F_SETPIPE_SZ = 1031  # Linux: the pipe's capacity, made small so a reader's pace matters

SLOW_READER = """
import os, sys, time
time.sleep(0.3)
while True:
    chunk = os.read(0, 512)
    if not chunk:
        break
    sys.stdout.buffer.write(chunk)
    time.sleep(0.001)
"""


def _through_a_slow_reader(args: list[str], which: str, nonblocking: bool) -> tuple[int, bytes, bytes]:
    """pathfit's stdout (or stderr) on a small pipe a slow reader drains, made non-blocking or not
    -> (exit status, what the reader got, what the other stream said)."""
    r, w = os.pipe()
    fcntl.fcntl(w, F_SETPIPE_SZ, 4096)
    if nonblocking:
        os.set_blocking(w, False)
    reader = subprocess.Popen([sys.executable, "-c", SLOW_READER], stdin=r, stdout=subprocess.PIPE)
    os.close(r)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "LC_ALL")}
    streams = {"stdout": subprocess.PIPE, "stderr": w} if which == "stderr" else \
        {"stdout": w, "stderr": subprocess.PIPE}
    with subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", *args], env=env, **streams) as child:
        os.close(w)
        other_out = child.communicate(timeout=120)[0 if which == "stderr" else 1]
    slow = reader.communicate(timeout=120)[0]
    return child.returncode, slow, other_out


@pytest.mark.parametrize("args", [["docs"], ["rules", "list"]], ids=["docs", "rules list"])
@pytest.mark.parametrize("env", [{}, {"PYTHONIOENCODING": "latin-1"}], ids=["utf-8", "latin-1"])
def test_a_nonblocking_stdout_is_waited_for_never_pf619(args: list[str], env: dict, monkeypatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    status, got, err = _through_a_slow_reader(args, "stdout", False)
    assert status == 0, err
    assert len(got) > 3 * 4096  # more than the pipe holds: the writer had to wait
    status, slow, err = _through_a_slow_reader(args, "stdout", True)
    assert b"PF619" not in err
    assert status == 0, err
    assert slow == got


def test_a_nonblocking_stderr_is_waited_for_never_cut_short(tmp_path, monkeypatch) -> None:
    """stderr's write failures are dropped: a full non-blocking pipe lost the rest of the problems."""
    monkeypatch.setenv("PATHFIT_MAX_ERRORS", "0")
    bad = tmp_path / "bad.yaml"
    bad.write_text("".join(f"unknown_fact_{i}: yes\n" for i in range(400)))
    status, slow, _ = _through_a_slow_reader(["recommend", "--profile", str(bad)], "stderr", True)
    status_fast, fast, _ = _through_a_slow_reader(["recommend", "--profile", str(bad)], "stderr", False)
    assert len(fast) > 3 * 4096
    assert status == status_fast == 2
    assert slow == fast
