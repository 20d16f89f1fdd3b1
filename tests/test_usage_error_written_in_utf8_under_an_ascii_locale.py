"""Regression: a command line click cannot read (PF600) was written through click's own
standard error, which click makes UTF-8 (with '?' for what UTF-8 cannot hold) wherever the
locale's encoding is ASCII: under `LC_ALL=C` a value typed `jsoné` came out as UTF-8 bytes
behind the locale's back, and an option typed `--fäct` was located at `--f??ct`, its bytes
lost. Now the line is written to the stream itself, in its encoding, as every other problem
is: what the encoding lacks escaped, nothing replaced by '?'."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

ASCII = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def _run(args: list, env: dict) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG")}
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], capture_output=True,
                          env={**full, **env}, timeout=120)


@pytest.mark.parametrize("env", [ASCII, {"PYTHONIOENCODING": "ascii"}], ids=["LC_ALL=C", "PYTHONIOENCODING=ascii"])
def test_a_value_click_refuses_is_written_in_the_streams_encoding(env: dict) -> None:
    done = _run(["recommend", "--format", "jsoné→".encode()], env)
    assert done.returncode == 2
    assert done.stderr.startswith(b"--format:0:0: PF600: ")
    assert done.stderr.isascii()
    line, hint, _ = done.stderr.splitlines()[0].partition(b" (did you mean 'json'?)")
    assert hint and b"?" not in line  # the near miss's hint asks; nothing typed became a '?'


def test_an_option_click_does_not_know_is_located_as_typed_never_with_question_marks() -> None:
    done = _run(["recommend", "--fäct".encode(), "x"], ASCII)
    assert done.returncode == 2
    assert done.stderr.isascii()
    where = done.stderr.split(b":0:0: PF600: ")[0]
    assert b"?" not in where and where.startswith(b"--f")
