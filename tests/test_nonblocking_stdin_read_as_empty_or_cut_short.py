"""Regression: standard input left non-blocking (O_NONBLOCK, set on the pipe or terminal by
whatever started pathfit) was read as if the writer had finished whenever it had not written
yet: `recommend --profile -` ended in "internal error: TypeError" (nothing read yet), or read a
profile cut short (some of it written), and `interview` took the answers to come for the end of
its input and stopped asking, with exit status 0. Now pathfit waits for input as it does on an
ordinary pipe, and decides on all of it."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from .helpers import ROOT

EXAMPLE = ROOT / "examples" / "new-vp-wants-structure.yaml"


def _fed_slowly(args: list[str], pieces: list[bytes], nonblocking: bool) -> subprocess.CompletedProcess:
    """pathfit reading a pipe (non-blocking or not) that is written piece by piece, a pause
    before each, the first before pathfit could have read anything."""
    r, w = os.pipe()
    os.set_blocking(r, not nonblocking)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL")}
    with subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", *args], stdin=r, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env) as child:
        os.close(r)
        try:
            for piece in pieces:
                time.sleep(0.4)
                os.write(w, piece)
        except BrokenPipeError:  # pathfit stopped reading before the end: the test's assertions say so
            pass
        os.close(w)
        out, err = child.communicate(timeout=120)
    return subprocess.CompletedProcess(args, child.returncode, out, err)


def test_a_profile_from_a_nonblocking_stdin_is_read_whole() -> None:
    lines = EXAMPLE.read_bytes().splitlines(keepends=True)
    pieces = [b"".join(lines[:len(lines) // 2]), b"".join(lines[len(lines) // 2:])]
    ordinary = _fed_slowly(["recommend", "--profile", "-", "--format", "json"], pieces, False)
    assert ordinary.returncode == 0, ordinary.stderr
    done = _fed_slowly(["recommend", "--profile", "-", "--format", "json"], pieces, True)
    assert done.stderr == b""
    assert done.returncode == 0
    assert done.stdout == ordinary.stdout


def test_interview_answers_from_a_nonblocking_stdin_are_all_read() -> None:
    answers = [b"1\n", b"1\n", b"1\n"]
    ordinary = _fed_slowly(["interview", "--format", "json"], answers, False)
    done = _fed_slowly(["interview", "--format", "json"], answers, True)
    assert done.returncode == ordinary.returncode
    assert done.stdout == ordinary.stdout
    assert done.stderr == ordinary.stderr
