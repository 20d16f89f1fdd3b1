"""Regression: the interview's last prompt ("Save these answers as a profile?") written to a
standard output whose reader had just gone (`pathfit interview | less`, quit between the advice
and the prompt) raised Python's BrokenPipeError past the interview's handlers, to click's own
handling of a broken pipe: exit status 1 (pathfit's status for rows with errors), the answers
lost. A prompt on stdout that cannot be written is now stdout that
failed, as anywhere in the interview: the answers shown on stderr to keep, exit status 141 (in
a real process; here, the StdoutFailed that makes it). With --format json the prompt is on
stderr, whose failures are dropped: the save is then not asked, and the interview ends as
declined."""
from __future__ import annotations

import errno

from click.testing import CliRunner

from pathfit.cli import interview, interview_answers
from pathfit.cli.main import cli
from pathfit.cli.streams import StdoutFailed

from .helpers import tiny_copy


def _prompt_fails(monkeypatch, tmp_path, *args: str):
    """The interview answered from a terminal (stdin a tty, the end of the input at once), its
    save prompt's write failing as Python's own stream fails on a pipe with no reader."""
    def write(text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    broken = type("O", (), {"write": staticmethod(write), "flush": staticmethod(lambda: None)})()
    terminal = type("S", (), {"stdin": type("I", (), {
        "isatty": staticmethod(lambda: True), "readline": staticmethod(lambda: "")})(),
        "stdout": broken, "stderr": broken})()  # the streams the prompt is written to
    monkeypatch.setattr(interview, "sys", terminal)
    monkeypatch.setattr(interview_answers, "sys", terminal)
    monkeypatch.setattr(interview_answers.click, "prompt", lambda *args, **kwargs: "unasked.yaml")
    (tmp_path / "partial.yaml").write_text("ready: true\n")
    return CliRunner().invoke(cli, ["interview", "--rules", str(tiny_copy(tmp_path)), "--profile",
                                    str(tmp_path / "partial.yaml"), *args])


def test_a_save_prompt_on_a_stdout_with_no_reader_keeps_the_answers(tmp_path, monkeypatch) -> None:
    result = _prompt_fails(monkeypatch, tmp_path)
    assert isinstance(result.exception, StdoutFailed), result.exception
    assert "here they are, to keep:\nready: true" in result.stderr


def test_a_save_prompt_on_a_stderr_that_fails_is_passed_over(tmp_path, monkeypatch) -> None:
    result = _prompt_fails(monkeypatch, tmp_path, "--format", "json")
    assert result.exit_code == 0, result.exception
    assert '"recommendation"' in result.stdout
    assert not (tmp_path / "unasked.yaml").exists()  # nobody was asked: no name was read
