"""Regression: standard input that cannot be read (a descriptor opened for writing only,
`0>file`; a terminal gone, EIO) ended `recommend --profile -` and `interview` in "pathfit:
internal error: OSError: [Errno 9] Bad file descriptor". It is the environment's doing, as a
profile file that cannot be read is: PF100 at `<stdin>`, exit status 2, no decision made."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("args", [["recommend", "--profile", "-"], ["explain", "--profile", "-"], ["interview"]],
                         ids=["recommend", "explain", "interview"])
def test_a_stdin_open_for_writing_only_is_pf100_at_stdin(tmp_path: Path, args: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL")}
    with open(tmp_path / "w.txt", "wb") as write_only:
        done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args, "--format", "json"], stdin=write_only,
                              capture_output=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1].startswith("<stdin>:0:0: PF100: ")
    assert b"internal error" not in done.stderr
    assert b'"outcome"' not in done.stdout
