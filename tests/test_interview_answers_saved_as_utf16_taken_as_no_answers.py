"""Answers piped in from a file saved as UTF-16 (PowerShell 5's `>` and Notepad's "Unicode" write
it, with its byte order mark) were each refused as no yes or no, the interview ran to the end of
its input and decided on no answers at all, exit status 0. Such input is now refused as every
file pathfit reads is: PF101 at <stdin>:1:1, it is UTF-16, save it as UTF-8, exit status 2, no
answer taken and nothing saved."""
from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_answers_saved_as_utf16_are_refused_not_taken_as_none(tmp_path, encoding):
    saved = tmp_path / "p.yaml"
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "interview", "--save", str(saved)],
                          input="no\r\nyes\r\n".encode(encoding), capture_output=True, cwd=tmp_path)
    assert done.returncode == 2, done.stdout
    assert done.stderr.decode().splitlines()[-1].startswith("<stdin>:1:1: PF101: "), done.stderr
    assert encoding.upper() in done.stderr.decode()
    assert not saved.exists()
    assert b"Recommendation" not in done.stdout
