"""Regression: a SIGTERM (or SIGHUP) that reached the interview after Python last looked for a
signal and before the save prompt ("Save these answers as a profile?") began to read its line
was acted on only once the read returned: a supervisor's stop waited for someone to press Enter.
The prompt now waits on the terminal and on a wake-up descriptor the signal writes to together,
and reads the line only once one is there: the stop ends the interview at once (exit status 130,
the answers kept), and an answer typed is read as before.

The race is not left to chance: the interview runs with SIGTERM blocked in its main thread and
another thread free to take it, so the signal's handler is due while the main thread is already
in its wait, with nothing to interrupt that wait: the very state the lost wake-up left it in."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

import pexpect
import yaml

from .helpers import ROOT
from .terminal_support import SAVE_PROMPT, stopped_while_waiting

PROFILE = ROOT / "examples" / "new-vp-wants-structure.yaml"  # complete: no question, the advice, the prompt
# the interview, its main thread blind to SIGTERM: another thread takes it, Python's handler is due
CHILD = ("import signal, sys, threading; threading.Thread(target=threading.Event().wait, daemon=True).start(); "
         "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM}); "
         "from pathfit.cli.main import main; sys.argv[0] = 'pathfit'; main()")


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm", PYTHONPATH=os.pathsep.join(sys.path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    return env


def test_sigterm_due_as_the_save_prompt_waits_ends_the_interview_at_once(tmp_path) -> None:
    child = pexpect.spawn(sys.executable, ["-c", CHILD, "interview", "--profile", str(PROFILE)], env=_env(tmp_path),
                          cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(30, 100))
    child.expect_exact(SAVE_PROMPT)
    ended, rest = stopped_while_waiting(child)
    assert ended, "the interview still waited for a line after SIGTERM: " + rest
    assert child.exitstatus == 130, rest
    assert "here they are, to keep:\n" in rest and "(interrupted: nothing was recorded)" in rest


def test_a_name_typed_at_the_save_prompt_is_saved_with_stdout_a_pipe(tmp_path) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "interview", "--profile", str(PROFILE)],
                            cwd=tmp_path, env=_env(tmp_path), stdin=slave, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    os.close(slave)
    try:
        seen = b""
        while not seen.endswith(SAVE_PROMPT.encode()):
            chunk = proc.stdout.read1(65536)
            assert chunk, seen  # ended before its prompt
            seen += chunk
        os.write(master, b"person.yaml\n")
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
        os.close(master)
    assert proc.returncode == 0, (seen + out, err)
    assert b"Saved 20 answers to person.yaml." in err, err
    facts = yaml.safe_load(PROFILE.read_text())["facts"]
    assert yaml.safe_load((tmp_path / "person.yaml").read_text()) == \
        {name: sorted(value) if isinstance(value, list) else value for name, value in facts.items()}
