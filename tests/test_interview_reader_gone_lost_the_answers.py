"""Regression: an interview whose standard output lost its reader (`| head -1`, a viewer
closed) or could not be written (`>/dev/full`) ended as every command does there (exit status
141, or PF619 and 2), but the answers given were lost: --save was not written and nothing
was shown on stderr, where Ctrl-C, SIGTERM and a hang-up keep them. With --format json the
questions go to stderr and only the advice to stdout, so the whole conversation was lost at
its very end. Now they are kept as on any other early end, before the command ends as it did."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import yaml

from .helpers import tiny_copy

ANSWERS = "1\nyes\n"  # needs: skill, ready: yes; then the end of the input
KEPT = {"needs": ["skill"], "ready": True}


def _interview(tmp_path, out, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", "interview", "--rules",
                           str(tiny_copy(tmp_path)), "--format", "json", *args], cwd=tmp_path, input=ANSWERS,
                          stdout=out, stderr=subprocess.PIPE, text=True, timeout=60,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})


def _reader_gone(tmp_path, *args: str) -> subprocess.CompletedProcess:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads the advice
    try:
        return _interview(tmp_path, write_end, *args)
    finally:
        os.close(write_end)


def test_reader_gone_the_answers_go_to_save(tmp_path) -> None:
    done = _reader_gone(tmp_path, "--save", "person.yaml")
    assert done.returncode == 141, done.stderr
    assert yaml.safe_load((tmp_path / "person.yaml").read_text()) == KEPT
    assert "Traceback" not in done.stderr and "PF" not in done.stderr, done.stderr


def test_stdout_that_cannot_be_written_shows_the_answers_on_stderr(tmp_path) -> None:
    with open("/dev/full", "w") as full:
        done = _interview(tmp_path, full)
    assert done.returncode == 2, done.stderr
    assert "PF619" in done.stderr
    shown = done.stderr.split("here they are, to keep:\n", 1)[1].splitlines()
    kept = yaml.safe_load("\n".join(line for line in shown if "PF619" not in line))
    assert kept == KEPT, done.stderr


def test_stopped_after_the_reader_went_the_answers_are_kept_once(tmp_path) -> None:
    """SIGTERM at a question, the reader of stdout gone meanwhile: the answers go to --save, then
    the note that it was interrupted cannot be written; they were then kept a second time, which
    --save refused (PF612, exit status 2) and said "The answers were not saved" of answers saved.
    That note is now said on stderr, as every stopped interview's: stdout is not written after the
    stop, and the interview ends as stopped (130), its answers kept once."""
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "interview", "--rules",
                             str(tiny_copy(tmp_path)), "--save", "person.yaml"], cwd=tmp_path, stdin=subprocess.PIPE,
                            stdout=write_end, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    os.close(write_end)
    proc.stdin.write("1\n")
    proc.stdin.flush()
    seen = b""
    while b"Q2." not in seen:  # the first answer taken: the interview waits for the second
        got = os.read(read_end, 4096)
        assert got, seen
        seen += got
    os.close(read_end)  # the reader goes
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.count("Saved 1 answer to person.yaml.") == 1 and "PF" not in err and "not saved" not in err, err
    assert yaml.safe_load((tmp_path / "person.yaml").read_text()) == {"needs": ["skill"]}
