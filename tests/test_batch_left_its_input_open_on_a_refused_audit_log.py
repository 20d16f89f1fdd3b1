"""`pathfit batch --audit-log` refused before any row is read (here PF610: sensitive
facts and no audit key) left its input file open: Python's development mode said
"ResourceWarning: unclosed file" on the way out."""
from __future__ import annotations

import os
import subprocess
import sys


def test_a_refused_audit_log_closes_the_input_it_opened(tmp_path):
    cohort = tmp_path / "c.jsonl"
    cohort.write_text('{"id": "a"}\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PATHFIT_AUDIT_KEY_FILE"}
    done = subprocess.run([sys.executable, "-X", "dev", "-m", "pathfit.cli.main", "batch", str(cohort),
                           "--out", str(tmp_path / "out.jsonl"), "--audit-log", str(tmp_path / "a.log")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 2
    assert ": PF610: " in done.stderr  # refused as the bundled rules' sensitive facts need a key
    assert "ResourceWarning" not in done.stderr, done.stderr
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "a.log").exists()
