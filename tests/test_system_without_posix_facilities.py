"""On a system without some POSIX facilities (Windows has no fcntl, os.O_NOFOLLOW, os.fchmod
before Python 3.13, SIGHUP, signal masks or fork), pathfit still imports, and each command
either works or stops with a located error (exit status 2, nothing written), never an
internal error. Regression: the output-file module read os.O_NOFOLLOW when imported and the
audit log modules imported fcntl, so every command that writes a file ended in "internal
error: AttributeError" or "ModuleNotFoundError"; every batch called signal.pthread_sigmask.

These tests take the facilities away in a fresh interpreter before pathfit is imported; they
do not run pathfit on another system, where it is untested (README, "Where pathfit runs")."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .helpers import ROOT

# run before pathfit's command line: the facilities a Windows Python lacks, taken away
WITHOUT = """
import os, signal, sys
sys.modules["fcntl"] = None
for name in ("O_NOFOLLOW", "O_NONBLOCK", "fchmod", "pread", "fork"):
    if hasattr(os, name):
        delattr(os, name)
for name in ("SIGHUP", "pthread_sigmask"):
    if hasattr(signal, name):
        delattr(signal, name)
sys.argv[0] = "pathfit"
from pathfit.cli.main import main
main()
"""
PROFILE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")


def _pathfit(tmp_path, *args: str, stdin: bytes = b"", without: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATHFIT_")} | {"PATHFIT_CACHE": "0"}
    if (tmp_path / "key").exists():  # the audit key a record of sensitive facts needs (`_keyed`)
        env["PATHFIT_AUDIT_KEY_FILE"] = str(tmp_path / "key")
    command = [sys.executable, "-c", WITHOUT] if without else [sys.executable, "-m", "pathfit.cli.main"]
    return subprocess.run([*command, *args], input=stdin, capture_output=True, cwd=tmp_path, env=env)


@pytest.fixture
def _keyed(tmp_path):
    assert _pathfit(tmp_path, "audit", "keygen", "key", without=False).returncode == 0


def _no_internal_error(done: subprocess.CompletedProcess) -> None:
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr, done.stderr


def test_recommend_writes_its_record_without_o_nofollow_or_fchmod(tmp_path, _keyed):
    done = _pathfit(tmp_path, "recommend", "--profile", PROFILE, "--record", "r.json")
    _no_internal_error(done)
    assert done.returncode == 0
    assert json.loads((tmp_path / "r.json").read_text())["outcome"]["recommendation"] == "coaching"


def test_without_file_locks_an_audit_log_is_refused_located_with_nothing_written(tmp_path, _keyed):
    done = _pathfit(tmp_path, "recommend", "--profile", PROFILE, "--audit-log", "log.jsonl")
    _no_internal_error(done)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.startswith(b"log.jsonl:0:0: PF617: ")
    assert not (tmp_path / "log.jsonl").exists()


def test_without_file_locks_a_log_made_elsewhere_is_still_verified(tmp_path, _keyed):
    made = _pathfit(tmp_path, "recommend", "--profile", PROFILE, "--audit-log", "log.jsonl", without=False)
    assert made.returncode == 0, made.stderr
    done = _pathfit(tmp_path, "audit", "verify", "log.jsonl")
    _no_internal_error(done)
    assert done.returncode == 0 and b"intact, 1 entry" in done.stdout


@pytest.mark.parametrize("jobs", [None, "2"])
def test_without_fork_or_signal_masks_a_batch_runs_in_one_process_with_the_same_results(tmp_path, jobs):
    lines = (ROOT / "examples" / "corpus.jsonl").read_text().splitlines()
    (tmp_path / "cohort.jsonl").write_text("\n".join((lines * (200 // len(lines) + 1))[:200]) + "\n")  # chunks
    jobs_option = ["--jobs", jobs] if jobs else []
    expected = _pathfit(tmp_path, "batch", "cohort.jsonl", "--out", "expected.jsonl", "--quiet", without=False)
    done = _pathfit(tmp_path, "batch", "cohort.jsonl", "--out", "got.jsonl", "--quiet", *jobs_option)
    _no_internal_error(done)
    assert done.returncode == expected.returncode
    assert (tmp_path / "got.jsonl").read_bytes() == (tmp_path / "expected.jsonl").read_bytes()
    warned = b"warning: --jobs 2: this system cannot fork worker processes; the batch runs in one" in done.stderr
    assert warned == (jobs == "2")


def test_without_sighup_an_interview_saves_its_answers(tmp_path):
    done = _pathfit(tmp_path, "interview", "--save", "a.yaml", stdin=b"no\n")
    _no_internal_error(done)
    assert done.returncode == 0
    assert (tmp_path / "a.yaml").read_text() == "wellbeing_concern: false\n"
