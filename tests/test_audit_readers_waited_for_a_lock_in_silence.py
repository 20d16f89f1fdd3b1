"""Regression: `audit verify` (and show, head, replay, an append) waited for the audit log's
lock without a word while another process held it: a log held by a stopped or hung appender
made pathfit look hung. A command that has to wait now says so on stderr, once, then goes on
when the lock is let go; one that does not wait says nothing."""
from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import time

import pytest

from .audit_support import make_key

WAITING = ": waiting: the audit log is locked by another reader or writer"


def _log(tmp_path) -> dict:
    env = {**os.environ, "PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))}
    env.pop("PATHFIT_SIGNING_KEY_FILE", None)
    made = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "recommend", "--fact", "needs=performance",
                           "--audit-log", "log.jsonl"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return env


@pytest.mark.parametrize("command,held", [
    (["audit", "verify", "log.jsonl"], fcntl.LOCK_EX),
    (["audit", "show", "log.jsonl"], fcntl.LOCK_EX),
    (["recommend", "--fact", "needs=performance", "--audit-log", "log.jsonl"], fcntl.LOCK_SH),
])
def test_a_command_held_up_by_the_lock_says_it_waits_then_goes_on(tmp_path, command, held):
    env = _log(tmp_path)
    with open(tmp_path / "log.jsonl", "rb") as holder:
        fcntl.flock(holder.fileno(), held)
        run = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", *command], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            said, deadline = "", time.monotonic() + 60
            while WAITING not in said and time.monotonic() < deadline:
                if select.select([run.stderr], [], [], 1)[0]:
                    said += run.stderr.readline()
            assert said.endswith(f"log.jsonl{WAITING}\n"), said
            assert run.poll() is None  # still waiting while the lock is held
        finally:
            fcntl.flock(holder.fileno(), fcntl.LOCK_UN)
    rest = run.communicate(timeout=60)[1]
    assert run.returncode == 0, said + rest
    assert WAITING not in rest  # once


def test_a_command_that_need_not_wait_says_nothing_of_it(tmp_path):
    env = _log(tmp_path)
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "audit", "verify", "log.jsonl"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and WAITING not in done.stderr, done.stderr
