"""Regression: a batch killed outright (SIGKILL, the kernel's out-of-memory killer, a power
loss) left its temporary output `.OUT.partial-PID-RANDOM` beside the output for ever: a hidden
copy of the results, one more with every kill, though every temporary file is to be removed on
every exit. A run that cannot remove its own file cannot be helped; the next write of the same
output now removes what a run no longer alive left (no process holds it locked, and it is not
brand new), and leaves alone one that a running pathfit is still writing."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, ROOT

TINY = str(HERE / "fixtures" / "tiny")
HOUR_AGO = time.time() - 3600


def _batch(tmp_path: Path, rows: int = 3):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n' * rows)
    return CliRunner().invoke(cli, ["batch", str(source), "--out", str(tmp_path / "out.jsonl"), "--rules", TINY,
                                    "--jobs", "1", "--quiet"])


def _leftover(tmp_path: Path, name: str, age: float = HOUR_AGO) -> Path:
    path = tmp_path / name
    path.write_bytes(b'{"row": 1, "id": "a"}\n')
    os.chmod(path, 0o600)
    os.utime(path, (age, age))
    return path


def test_a_killed_runs_temporary_output_is_removed_by_the_next_write_of_that_output(tmp_path):
    left = _leftover(tmp_path, ".out.jsonl.partial-4194000-0123456789ab")
    result = _batch(tmp_path)
    assert result.exit_code == 0, result.output
    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_a_temporary_file_a_live_run_holds_or_just_made_and_other_files_are_kept(tmp_path):
    held = _leftover(tmp_path, ".out.jsonl.partial-4194001-0123456789ab")
    new = _leftover(tmp_path, ".out.jsonl.partial-4194002-0123456789ab", age=time.time())
    others = [_leftover(tmp_path, name) for name in (".other.jsonl.partial-4194003-0123456789ab",
                                                     ".out.jsonl.partial-x", "out.jsonl.partial-4194004-0123456789ab")]
    with open(held, "rb") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)  # as the run writing it holds it
        result = _batch(tmp_path)
    assert result.exit_code == 0, result.output
    assert held.exists() and new.exists() and all(p.exists() for p in others)


def test_a_batch_killed_outright_leaves_a_file_the_next_run_removes(tmp_path):
    """The real thing: the temporary output a SIGKILL leaves is there, and goes with the next run."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n' * 20000)
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "batch", str(source), "--out",
                             str(tmp_path / "out.jsonl"), "--rules", TINY, "--jobs", "1", "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and \
            not any(".partial-" in p.name for p in tmp_path.iterdir()):
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    [left] = [p for p in tmp_path.iterdir() if ".partial-" in p.name]
    os.utime(left, (HOUR_AGO, HOUR_AGO))  # no longer brand new
    source.write_text('{"id": "a", "goal": "specific"}\n')
    assert _batch(tmp_path, rows=1).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
    assert proc.returncode == -signal.SIGKILL
