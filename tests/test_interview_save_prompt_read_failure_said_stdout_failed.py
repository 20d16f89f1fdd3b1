"""Regression: at the interview's last prompt ("Save these answers as a profile?"), standard input
that could not be read (a terminal that answers EIO) was said to be standard output that failed:
PF619 `cannot write standard output`, exit status 2 (with --format json, no word at all, exit
status 0, the answers shown nowhere). A read that fails is PF100 at `<stdin>`, as it is at a
question, with either format, exit status 2, and the answers are shown on stderr to keep."""
from __future__ import annotations

import errno
import io

import pytest
from click.testing import CliRunner

from pathfit.cli import interview, interview_answers
from pathfit.cli.main import cli

from .helpers import tiny_copy


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_save_prompt_whose_answer_cannot_be_read_says_stdin_failed(tmp_path, monkeypatch, fmt) -> None:
    def unreadable(*args, **kwargs) -> str:
        raise OSError(errno.EIO, "Input/output error")

    terminal = type("S", (), {"stdin": type("I", (), {"isatty": staticmethod(lambda: True), "readline": staticmethod(lambda: "")})(),
                              "stdout": io.StringIO(), "stderr": io.StringIO()})()
    monkeypatch.setattr(interview, "sys", terminal)
    monkeypatch.setattr(interview_answers, "sys", terminal)
    monkeypatch.setattr(interview_answers.click, "prompt", unreadable)
    (tmp_path / "partial.yaml").write_text("ready: true\n")
    result = CliRunner().invoke(cli, ["interview", "--rules", str(tiny_copy(tmp_path)), "--profile",
                                      str(tmp_path / "partial.yaml"), "--format", fmt])
    assert result.exit_code == 2, (result.exception, result.stderr)
    assert "<stdin>:0:0: PF100: cannot read standard input" in result.stderr and "PF619" not in result.stderr, result.stderr
    assert "here they are, to keep:\nready: true\n" in result.stderr
