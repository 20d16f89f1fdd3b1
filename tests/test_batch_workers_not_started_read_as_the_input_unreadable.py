"""Regression: when `batch --jobs N` could not start its workers (the system refusing a pipe,
too many open files, or a process), the command said the input could not be read (PF100,
"cannot read file"), though it had been read; and a pipe opened for a worker that then could
not be forked stayed open. Now: PF635 at the input, exit 2, nothing written, no worker left."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, child_processes, open_pipes


def _cohort(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "goal": "specific"}\n' * 400)
    return path


def test_a_fork_refused_after_one_worker_started_is_pf635_leaving_no_worker_and_no_pipe(tmp_path, monkeypatch):
    real_fork, forks = os.fork, []

    def fork() -> int:
        forks.append(1)
        if len(forks) == 2:
            raise OSError(errno.EAGAIN, os.strerror(errno.EAGAIN))
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    before, pipes = child_processes(), open_pipes()
    result = CliRunner().invoke(cli, ["batch", str(_cohort(tmp_path)), "--out", str(tmp_path / "out.jsonl"),
                                      "--rules", str(HERE / "fixtures" / "tiny"), "--jobs", "3", "--quiet"])
    assert result.exit_code == 2, result.output
    assert len(forks) == 2
    assert f"{tmp_path / 'in.jsonl'}:0:0: PF635: " in result.output
    assert "PF100" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
    assert child_processes() == before  # the one forked ended and waited for
    assert open_pipes() == pipes  # the refused worker's pipes closed, as the started one's


def test_too_many_open_files_for_the_workers_is_pf635_not_an_unreadable_input(tmp_path):
    """A real process with room for few files, asked for 120 workers (two pipes each)."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64)); "
            "sys.argv[0] = 'pathfit'; from pathfit.cli.main import main; main()")
    cohort = _cohort(tmp_path)
    done = subprocess.run([sys.executable, "-c", code, "batch", str(cohort), "--out", str(tmp_path / "out.jsonl"),
                           "--rules", str(HERE / "fixtures" / "tiny"), "--jobs", "120", "--quiet"],
                          capture_output=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().startswith(f"{cohort}:0:0: PF635: cannot start 120 worker processes: Too many open files")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
