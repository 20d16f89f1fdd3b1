"""Regression: Ctrl-C or SIGTERM after the last answer, while the advice was made, recorded or
written out (stdout a pipe read slowly, a terminal scrolled back), lost the answers: --save was
not written, nothing was shown on stderr to keep, and only "pathfit: interrupted" was said,
though --help promises --save is written whenever the interview is stopped. Now the answers
are kept there too (exit status 130), and what was recorded is said truly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import yaml

from .audit_support import make_key
from .helpers import ROOT, full_pipe

ANSWERS = "no\nno\nno\n4,7\nyes\n"  # then the end of the input: the interview decides



def _stopped_while_showing(tmp_path, signum: int, *args: str, **env: str) -> tuple[int, str]:
    """The interview answered (--format json: the questions on stderr, the advice alone on a
    stdout nobody reads), then stopped by `signum` while it makes and writes out the advice."""
    read_end, write_end = full_pipe()
    err_path = tmp_path / "stderr.txt"
    with open(err_path, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "interview", "--format", "json", *args],
                                cwd=tmp_path, stdin=subprocess.PIPE, stdout=write_end, stderr=err,
                                env={**os.environ, "PATHFIT_RULES": str(ROOT / "rules"), **env})
    os.close(write_end)
    try:
        proc.stdin.write(ANSWERS.encode())
        proc.stdin.close()
        deadline = time.monotonic() + 60
        while "(end of input" not in err_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # deciding, or blocked writing the advice
        assert proc.poll() is None, err_path.read_text()
        proc.send_signal(signum)
        code = proc.wait(timeout=60)
    finally:
        os.close(read_end)
    return code, err_path.read_text()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stopped_while_the_advice_is_shown_the_answers_are_saved(tmp_path, signum) -> None:
    code, err = _stopped_while_showing(tmp_path, signum, "--save", "person.yaml")
    assert code == 130, err
    assert "Traceback" not in err
    saved = yaml.safe_load((tmp_path / "person.yaml").read_text())
    assert saved == {"wellbeing_concern": False, "formal_performance_process": False, "systemic_cause": False,
                     "needs": ["career_direction", "network"], "ready_for_change": True}, saved


def test_stopped_while_the_advice_is_shown_without_save_the_answers_are_on_stderr(tmp_path) -> None:
    code, err = _stopped_while_showing(tmp_path, signal.SIGTERM)
    assert code == 130, err
    kept = yaml.safe_load(err.split("here they are, to keep:\n", 1)[1].split("(interrupted", 1)[0])
    assert kept["needs"] == ["career_direction", "network"] and len(kept) == 5, err


def test_stopped_after_the_record_was_written_says_it_was_recorded(tmp_path) -> None:
    code, err = _stopped_while_showing(tmp_path, signal.SIGTERM, "--save", "person.yaml", "--record", "r.json",
                                       "--audit-log", "a.jsonl", PATHFIT_AUDIT_KEY_FILE=str(make_key(tmp_path)))
    assert code == 130, err
    record = json.loads((tmp_path / "r.json").read_text())
    assert f"recorded decision {record['id']}" in err
    assert "nothing was recorded" not in err
    assert yaml.safe_load((tmp_path / "person.yaml").read_text())["ready_for_change"] is True
