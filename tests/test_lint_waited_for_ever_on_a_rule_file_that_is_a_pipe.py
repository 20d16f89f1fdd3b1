"""Regression: `pathfit lint` on a rule set holding a `*.yaml` named pipe waited for ever.
The rule set's loader refuses the pipe at its name (PF100) without opening it, but lint then
read every `*.yaml` again for its own checks, and since a named pipe is opened as `cat` opens
one (waiting for its writer), lint hung with no writer to come. A rule set's file that is no
plain file is reported once, PF100 at its name, and lint ends with its errors (exit 1)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import tiny_copy

RUN = "import sys; from pathfit.cli.main import cli; cli(sys.argv[1:])"


def test_lint_reports_a_rule_file_that_is_a_pipe_once_and_ends(tmp_path):
    rules = tiny_copy(tmp_path)
    extra = rules / "extra.yaml"
    os.mkfifo(extra)
    env = {**os.environ, "PATHFIT_CACHE": "0"}
    try:
        done = subprocess.run([sys.executable, "-c", RUN, "lint", "--rules", str(rules)],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("lint waited on a rule file that is a named pipe")
    assert done.returncode == 1, done.stdout + done.stderr
    located = [line.split(": ")[0:2] for line in done.stdout.splitlines() if ": PF" in line]
    assert located == [[f"{extra}:0:0", "PF100"]], done.stdout
