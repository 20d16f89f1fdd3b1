"""A batch re-run to finish a committed batch whose output is missing first reads the
committed records back from the audit log, which takes a while on a large log (about half a
minute at 24,000 records). Ctrl-C there ended in click's "Aborted." with exit status 1 (which
`batch` gives for rows that failed), and SIGTERM killed it without a word. Now both say that
nothing was written or appended, exit status 130, as an interrupt while rows run does."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key
from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")

# the CLI in a process of its own, which signals itself as the committed records are read back
RUN = """
import os, signal, sys
from pathfit.engine.audit import commit
def interrupted_reading(*args):
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    raise AssertionError("the signal did not stop the run")
commit.committed_rows = interrupted_reading
from pathfit.cli.main import cli
cli.main(sys.argv[2:], prog_name="pathfit")
"""


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_an_interrupt_while_a_committed_batch_is_read_back_says_nothing_was_written(tmp_path, monkeypatch, sig):
    (tmp_path / "key").mkdir()
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path / "key")))
    cohort, out, log = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "audit.jsonl"
    cohort.write_text('{"id": "a", "goal": "specific"}\n' * 3)
    args = ["batch", str(cohort), "--out", str(out), "--rules", TINY, "--jobs", "1", "--quiet", "--audit-log", str(log)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    out.unlink()  # as a kill between the commit and the rename leaves it
    before = log.read_bytes()
    result = subprocess.run([sys.executable, "-c", RUN, sig, *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert result.stderr == f"pathfit batch: interrupted; no output written to {out} and nothing appended to {log}\n"
    assert "Traceback" not in result.stderr and "Aborted" not in result.stderr
    assert log.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.jsonl", "in.jsonl", "key"]
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # nothing of the run's handlers left in this process
