"""Regression: an interview whose terminal hung up (a dropped connection, a closed window: the
kernel sends SIGHUP) was ended by the signal, and the answers given were lost even with --save.
Now the answers go to --save before anything is said to the dead terminal, nothing is decided
or recorded, and the exit status is 129; without --save they are shown on stderr, which may
outlive the terminal (a file, a supervisor's log)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import yaml

from pathfit.cli.interrupts import Conversation, HungUp

from .audit_support import make_key
from .helpers import ROOT
from .terminal_support import DOWN, Terminal


def test_a_terminal_that_hangs_up_keeps_the_answers_in_save_and_records_nothing(tmp_path) -> None:
    saved, record = tmp_path / "person.yaml", tmp_path / "decision.json"
    term = Terminal("--save", str(saved), "--record", str(record),
                    env={"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))})
    for number in (1, 2):  # two screening questions answered No
        term.list_for(number)
        term.send(DOWN + "\r")
    term.list_for(3)
    assert term.hang_up() == 129, term.seen
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {"formal_performance_process": False,
                                                                 "wellbeing_concern": False}
    assert not record.exists()


def test_a_hang_up_without_save_shows_the_answers_on_stderr(tmp_path) -> None:
    err_file = tmp_path / "stderr.txt"
    with open(err_file, "w", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "interview"], cwd=tmp_path,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True,
                                env={**os.environ, "PATHFIT_RULES": str(ROOT / "rules")})
        proc.stdin.write("no\nno\n")
        proc.stdin.flush()
        seen, deadline = "", time.monotonic() + 60
        while "Q3." not in seen and time.monotonic() < deadline:  # the third question asked: two answers taken
            seen += os.read(proc.stdout.fileno(), 4096).decode()
        assert "Q3." in seen, seen
        proc.send_signal(signal.SIGHUP)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 129, seen + out
    assert "Recommendation" not in seen + out
    kept = yaml.safe_load(err_file.read_text(encoding="utf-8").split("here they are, to keep:\n", 1)[-1])
    assert kept == {"formal_performance_process": False, "wellbeing_concern": False}


def test_a_hang_up_while_the_decision_is_recorded_is_handled_once_the_record_is_whole() -> None:
    before = signal.getsignal(signal.SIGHUP)
    finished = False
    with Conversation() as talk:
        with pytest.raises(HungUp):
            with talk.held():
                signal.raise_signal(signal.SIGHUP)  # its handler has run when this returns
                assert talk.hung_up
                finished = True
        assert finished
    assert signal.getsignal(signal.SIGHUP) is before


def test_a_hang_up_a_prompt_took_for_an_end_of_input_is_raised_after_what_is_held() -> None:
    with Conversation() as talk:
        with pytest.raises(HungUp):
            try:
                signal.raise_signal(signal.SIGHUP)
            except HungUp:
                pass  # as click.prompt turns it into an Abort, and the end of the interview goes on
            with talk.held():
                pass
