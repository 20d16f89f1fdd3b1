"""Regression: an interview stopped at a question (Ctrl-C, SIGTERM) said "(interrupted: no
decision was made and nothing was recorded)" on stdout in text mode, but on stderr when stopped
after the last answer or at the save prompt, and on stderr with --format json: a script reading
stdout got the status line mixed into the conversation in one case and not the others. How a
stopped interview ended is status, said on stderr wherever it was stopped, with either format,
as every command's status is."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli import interview, interview_answers
from pathfit.cli.main import cli

from .helpers import tiny_copy


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_interview_stopped_at_a_question_says_so_on_stderr(tmp_path, monkeypatch, fmt) -> None:
    def stopped() -> str:
        raise KeyboardInterrupt

    piped = type("S", (), {"stdin": type("I", (), {"isatty": staticmethod(lambda: False),
                                                  "readline": staticmethod(stopped)})()})()
    monkeypatch.setattr(interview, "sys", piped)
    monkeypatch.setattr(interview_answers, "sys", piped)
    result = CliRunner().invoke(cli, ["interview", "--rules", str(tiny_copy(tmp_path)), "--format", fmt])
    assert result.exit_code == 130, (result.exception, result.output)
    assert "(interrupted" not in result.stdout, result.stdout
    assert "\n(interrupted: no decision was made and nothing was recorded)\n" in result.stderr, result.stderr
