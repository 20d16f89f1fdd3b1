"""Regression: an interview stopped at a question said "(interrupted: ...)" after a blank line,
and stopped after its last answer on the next line; and at a typed question what it said first
(`Saved 1 answer to ...`, or the answers shown to keep) ran on after the prompt (`> ^CSaved 1
answer`), the line end meant for the prompt's line coming only before "(interrupted". The prompt's
line now ends before anything is said, and "(interrupted" follows what was said on the next line,
wherever the interview is stopped."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli import interview, interview_answers, interview_end
from pathfit.cli.main import cli

from .helpers import tiny_copy

STOPPED = "(interrupted: no decision was made and nothing was recorded)\n"


def _piped(monkeypatch, *lines: str) -> None:
    """Answers piped in, one a line; after them a Ctrl-C at the next prompt."""
    given = iter(lines)

    def readline() -> str:
        line = next(given, None)
        if line is None:
            raise KeyboardInterrupt
        return line

    piped = type("S", (), {"stdin": type("I", (), {"isatty": staticmethod(lambda: False),
                                                  "readline": staticmethod(readline)})()})()
    monkeypatch.setattr(interview, "sys", piped)
    monkeypatch.setattr(interview_answers, "sys", piped)


@pytest.mark.parametrize(("save", "said"), [
    (["--save", "kept.yaml"], "> \nSaved 1 answer to kept.yaml.\n" + STOPPED),
    ([], "> \nThe answers were not saved; here they are, to keep:\nneeds:\n- network\n" + STOPPED),
], ids=["saved", "shown"])
def test_stopped_at_a_question_the_prompts_line_ends_first(tmp_path, monkeypatch, save, said) -> None:
    _piped(monkeypatch, "2\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["interview", "--rules", str(tiny_copy(tmp_path)), *save])
    assert result.exit_code == 130, (result.exception, result.output)
    assert result.output.endswith(said), result.output


def test_stopped_with_no_answer_the_prompts_line_ends_before_interrupted(tmp_path, monkeypatch) -> None:
    _piped(monkeypatch)
    result = CliRunner().invoke(cli, ["interview", "--rules", str(tiny_copy(tmp_path))])
    assert result.exit_code == 130, (result.exception, result.output)
    assert result.output.endswith("> \n" + STOPPED), result.output


def test_stopped_after_the_last_answer_interrupted_follows_on_the_next_line(tmp_path, monkeypatch) -> None:
    def stopped(*args, **kwargs) -> str:
        raise KeyboardInterrupt

    _piped(monkeypatch, "2\n", "")  # then the end of the input: the interview decides
    monkeypatch.setattr(interview_end, "render_text", stopped)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["interview", "--rules", str(tiny_copy(tmp_path)), "--save", "kept.yaml"])
    assert result.exit_code == 130, (result.exception, result.output)
    assert result.output.endswith("Saved 1 answer to kept.yaml.\n(interrupted: nothing was recorded; the advice "
                                  "was not shown in full)\n"), result.output
