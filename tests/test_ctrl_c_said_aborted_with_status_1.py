"""Regression: Ctrl-C in a command without its own handling (`impact` on a large cohort) ended
with click's "Aborted." and exit status 1, the status pathfit gives rows with errors and logs
that do not verify, where `batch` and `interview` end with 130. Now every command stopped by
Ctrl-C says "pathfit: interrupted" and ends with 130, as a shell expects, no traceback."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .helpers import ROOT, bundled_copy


def _wait_until_reading(proc: subprocess.Popen, path: Path) -> None:
    """Until `proc` holds `path` open (the command is at work on it, past start-up), seen in
    /proc; where there is no /proc, three seconds, more than start-up takes."""
    fds = Path(f"/proc/{proc.pid}/fd")
    if not fds.is_dir():
        time.sleep(3)
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir()):
                return
        except OSError:  # a descriptor closed while it was looked at
            pass
        time.sleep(0.02)
    raise AssertionError(f"the command never opened {path} (exit status {proc.poll()})")


def test_impact_stopped_by_ctrl_c_ends_with_130_and_says_interrupted(tmp_path) -> None:
    base = bundled_copy(tmp_path)
    rows = (ROOT / "examples" / "corpus.jsonl").read_text().splitlines()
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("".join(json.dumps({**json.loads(row), "id": f"r{i}"}) + "\n"
                              for i, row in enumerate(rows * 120)))  # some 28,000 rows: far longer than the wait
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "impact", "--base", str(base), "--profiles",
                             str(cohort)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_until_reading(proc, cohort)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    assert err.strip().splitlines()[-1] == "pathfit: interrupted"
    assert "Aborted" not in err and "Traceback" not in err
