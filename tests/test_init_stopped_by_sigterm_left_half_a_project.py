"""Regression: `pathfit init DIR` stopped by SIGTERM (a supervisor, `timeout`) part way left half
a project, some of its files written and the rest missing, and running it again refused the
folder (PF629, not empty). Ctrl-C already removed what the run had made; SIGTERM now does the
same (exit status 130), so the folder is as it was and `init` can simply be run again."""
from __future__ import annotations

import signal
import subprocess
import sys

from .helpers import ROOT

# pathfit's init, with SIGTERM sent to itself as the third file is about to be written
STOPPED = """
import os, signal, sys
import pathfit.engine.authoring.starter as starter
target, calls = sys.argv[1], []
real = starter.write_atomic
def write(path, *args, **kwargs):
    calls.append(path)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGTERM)
    return real(path, *args, **kwargs)
starter.write_atomic = write
from pathfit.cli.main import main
sys.argv = ["pathfit", "init", target]
main()
"""


def test_init_stopped_by_sigterm_leaves_nothing_and_runs_again(tmp_path):
    project = tmp_path / "my-rules"
    done = subprocess.run([sys.executable, "-c", STOPPED, str(project)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode in (130, -signal.SIGTERM), done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert list(tmp_path.iterdir()) == [], sorted(str(p) for p in tmp_path.rglob("*"))
    again = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "init", str(project)], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
