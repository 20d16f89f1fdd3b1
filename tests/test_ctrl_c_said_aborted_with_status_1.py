"""Regression: Ctrl-C in a command without its own handling (`impact` on a large cohort) ended
with click's "Aborted." and exit status 1, the status pathfit gives rows with errors and logs
that do not verify, where `batch` and `interview` end with 130. Now every command stopped by
Ctrl-C says "pathfit: interrupted" and ends with 130, as a shell expects, no traceback."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from .helpers import ROOT, bundled_copy


def test_impact_stopped_by_ctrl_c_ends_with_130_and_says_interrupted(tmp_path) -> None:
    base = bundled_copy(tmp_path)
    rows = (ROOT / "examples" / "corpus.jsonl").read_text().splitlines()
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("".join(json.dumps({**json.loads(row), "id": f"r{i}"}) + "\n"
                              for i, row in enumerate(rows * 120)))  # some 28,000 rows: far longer than the wait
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "impact", "--base", str(base), "--profiles",
                             str(cohort)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    assert err.strip().splitlines()[-1] == "pathfit: interrupted"
    assert "Aborted" not in err and "Traceback" not in err
