"""Regression: a command stopped (Ctrl-C, SIGTERM, a hang-up) while it was blocked writing to a
stdout nobody reads (`pathfit interview | sleep 1000`) did what its stop does (an interview kept
its answers and said it was interrupted) but did not end: the exit flushed what the cut-short
write still held for stdout, and that flush waited until someone read the pipe. A stopped command
now ends at once, with its status, and says nothing more."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from .helpers import full_pipe, tiny_copy, watchdog


def _wait_until_blocked_writing(proc: subprocess.Popen) -> None:
    """Until `proc` waits in a write to a pipe (its full stdout), seen in /proc's wait channel
    (`pipe_write`, `anon_pipe_write`; `pipe_wait` on kernels before 5.6); where none says so,
    five seconds, far more than start-up takes."""
    wchan = Path(f"/proc/{proc.pid}/wchan")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        try:
            if "pipe_w" in wchan.read_text():
                return
        except OSError:  # no /proc
            pass
        time.sleep(0.01)


@pytest.mark.parametrize(("args", "signum", "status"), [
    (["interview", "--save", "kept.yaml"], signal.SIGTERM, 130),
    (["interview", "--save", "kept.yaml"], signal.SIGHUP, 129),
    (["rules", "list"], signal.SIGINT, 130),  # a command with no handling of its own
], ids=["interview-sigterm", "interview-sighup", "rules-list-ctrl-c"])
def test_a_stopped_command_ends_though_its_stdout_is_never_read(tmp_path, args, signum, status) -> None:
    rules = tiny_copy(tmp_path)
    read_end, write_end = full_pipe()
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", *args, "--rules", str(rules)],
                            cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    try:
        with watchdog(30):
            _wait_until_blocked_writing(proc)  # its first output waits for the reader
            proc.send_signal(signum)
            try:
                code = proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                pytest.fail("the stopped command waited for its stdout to be read")
            err = proc.stderr.read().decode()
    finally:
        os.close(read_end)
        proc.stderr.close()
    assert code == status, err
    assert "Traceback" not in err and "PF619" not in err, err
    if args[0] == "interview":  # the answers kept, as before
        assert yaml.safe_load((tmp_path / "kept.yaml").read_text()) == {}
