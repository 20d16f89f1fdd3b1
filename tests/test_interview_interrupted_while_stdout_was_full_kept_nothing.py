"""Regression: Ctrl-C or SIGTERM while the interview was blocked writing a question to a stdout
not read (a pipe to a stalled reader) did not keep the answers: it said "(interrupted ...)" on
that same stdout first, blocked there again, and wrote --save only once someone read the pipe,
so a supervisor's SIGKILL after its SIGTERM lost them. The answers are now kept (--save, else on
stderr) before anything is said on stdout, as they are when the terminal hangs up."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import yaml

from .helpers import ROOT, full_pipe



@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_answers_are_saved_while_stdout_is_still_full(tmp_path, signum) -> None:
    (tmp_path / "partial.yaml").write_text("career_stage: mid_career\ntrigger: none\n")
    read_end, write_end = full_pipe()
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "interview", "--profile", "partial.yaml",
                             "--save", "person.yaml"], cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=write_end,
                            stderr=subprocess.PIPE, env={**os.environ, "PATHFIT_RULES": str(ROOT / "rules")})
    os.close(write_end)
    saved = tmp_path / "person.yaml"
    try:
        time.sleep(3)  # the rule set loaded, the interview blocked writing its first lines
        assert proc.poll() is None
        proc.send_signal(signum)
        deadline = time.monotonic() + 20
        while not saved.exists() and time.monotonic() < deadline:  # nothing has read the pipe yet
            time.sleep(0.05)
        assert saved.exists(), "the answers were not saved while stdout stayed full"
    finally:
        while os.read(read_end, 65536):  # the pipe read at last: the interview ends
            pass
        os.close(read_end)
        code = proc.wait(timeout=60)
        proc.stderr.close()
    assert code == 130
    assert yaml.safe_load(saved.read_text()) == {"career_stage": "mid_career", "trigger": "none"}
