"""Regression: standard output that cannot be written was misreported. `recommend >/dev/full`
said "internal error: OSError ... run with --debug"; a closed stdout (`>&-`) ended in a
traceback from the exit path; a reader gone early (`| head -1`) gave exit status 1, which
pathfit uses for rows with errors and logs that do not verify. Now, for every command: a
full disk or a closed stdout is PF619 at `<stdout>` with exit status 2, and a reader gone is
silent with status 141, as a tool killed by SIGPIPE ends."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
COMMANDS = [
    ["recommend", "--profile", EXAMPLE],
    ["recommend", "--profile", EXAMPLE, "--format", "json"],
    ["explain", "--profile", EXAMPLE],
    ["rules", "list"],
    ["docs"],
    ["schema"],
    ["test"],
    ["--help"],
    ["--version"],
]


def _run(args: list[str], stdout, preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=ROOT, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=preexec)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[3:]))
def test_a_full_disk_on_stdout_is_pf619_at_stdout_never_an_internal_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = _run(args, full)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith("<stdout>:0:0: PF619: cannot write standard output: ")
    assert "ENOSPC" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", COMMANDS[:4], ids=lambda a: " ".join(a[:1] + a[3:]))
def test_a_closed_stdout_is_pf619_at_stdout_never_a_traceback(args: list[str]) -> None:
    done = _run(args, None, preexec=lambda: os.close(1))
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["<stdout>:0:0: PF619: cannot write standard output: Bad file descriptor "
                                        "(EBADF)"]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[3:]))
def test_a_reader_gone_ends_silently_with_the_status_of_a_tool_sigpipe_killed(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line: every write is EPIPE
    try:
        done = _run(args, write)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def test_a_closed_stdout_does_not_stop_a_command_that_writes_nothing_there(tmp_path) -> None:
    out = tmp_path / "out.csv"
    done = _run(["batch", str(ROOT / "examples" / "corpus.jsonl"), "--out", str(out)], None,
                preexec=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("row,")


def test_a_decision_recorded_before_its_output_failed_stays_recorded(tmp_path) -> None:
    key, record = tmp_path / "audit.key", tmp_path / "decision.json"
    assert _run(["audit", "keygen", str(key)], subprocess.DEVNULL).returncode == 0
    env = {**os.environ, "PATHFIT_AUDIT_KEY_FILE": str(key)}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "recommend", "--profile", EXAMPLE,
                               "--record", str(record)], cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=120, env=env)
    assert done.returncode == 2 and "<stdout>:0:0: PF619: " in done.stderr
    verified = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "audit", "verify", str(record)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120, env=env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
