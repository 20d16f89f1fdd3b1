"""Regression: `back` at the interview's first question asked it again and said nothing, where
`change` there says there is no answer to change yet: a person was left to guess whether the
command was taken. It now says there is no earlier question, and the interview goes on as
before (the same question, the same answers)."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_back_at_the_first_question_says_there_is_none(tmp_path):
    saved = tmp_path / "person.yaml"
    result = CliRunner().invoke(cli, ["interview", "--save", str(saved)], input="back\nno\nquit\n")
    assert result.exit_code == 0, result.output
    asked = result.output.split("Q1.")
    assert len(asked) == 3  # asked again, once
    assert "there is none to go back to" in asked[1]  # said before it is asked again
    assert result.output.count("there is none to go back to") == 1
    assert "Q2." in asked[2]


def test_back_after_an_answer_goes_back_without_that_note():
    result = CliRunner().invoke(cli, ["interview"], input="no\nback\nquit\n")
    assert result.exit_code == 0, result.output
    assert "there is none to go back to" not in result.output
    assert result.output.count("Q1.") == 2
