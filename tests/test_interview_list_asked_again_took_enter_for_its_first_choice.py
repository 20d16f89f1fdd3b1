"""At a terminal, a one-of-several or yes/no question asked again (`change N`) starts its list on
the answer it has, as a set asked again starts with its items ticked as they were: Enter at
once keeps the answer.

Regression: the list started on its first choice, whatever the answer, so `change 1` and Enter
on `question 1 again (now: No; back keeps it)` answered Yes. Driven in-process (prompt_toolkit
reading each list's keys from a pipe), not through a pseudo-terminal."""
from __future__ import annotations

import json

from click.testing import CliRunner
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pathfit.cli import interview as cli_interview
from pathfit.cli.interview_tty import TerminalAsker
from pathfit.cli.main import cli

from .helpers import HERE


class Scripted(TerminalAsker):
    """The terminal's asker, each list it shows answered by the next keys of `script`."""

    def __init__(self, script: list[str]):
        super().__init__()
        self.output, self.script = DummyOutput(), script

    def _keys(self, ask, *args):
        with create_pipe_input() as keys, create_app_session(input=keys, output=self.output):
            keys.send_text(self.script.pop(0))
            return ask(*args)

    def choose(self, *args):
        return self._keys(super().choose, *args)

    def pick(self, *args):
        return self._keys(super().pick, *args)


TINY = str(HERE / "fixtures" / "tiny")

# answers that leave few questions to rank: the two screening questions come first
PROFILE = "systemic_cause: false\nneeds: [career_direction, network]\nready_for_change: true\nhours_per_month: 3\n"


def test_enter_at_once_on_a_yes_no_asked_again_keeps_its_answer(monkeypatch, tmp_path):
    (tmp_path / "p.yaml").write_text(PROFILE)
    # Q1 No; at Q2 `c` (change), pick Q1 (the first row), Enter at once; at Q2 `q` (quit)
    script = ["2\r", "c", "\r", "\r", "q"]
    monkeypatch.setattr(cli_interview, "_terminal_asker", lambda fmt: Scripted(script))
    result = CliRunner().invoke(cli, ["interview", "--format", "json", "--profile", str(tmp_path / "p.yaml")])
    assert result.exit_code == 0, result.output
    assert "question 1 again (now: No; back keeps it)" in result.stderr and script == []
    assert json.loads(result.stdout)["facts"]["wellbeing_concern"] is False


def test_enter_at_once_on_a_set_asked_again_keeps_none_of_these(monkeypatch):
    """A set answered `None of these` has no tick to keep: its list asked again starts on that row,
    not on the first choice, which Enter took (`needs` became Skill)."""
    # Q1 (needs): down to None of these, Enter; at Q2 `c`, pick Q1, Enter at once; at Q2 `q`
    script = ["\x1b[B" * 3 + "\r", "c", "\r", "\r", "q"]
    monkeypatch.setattr(cli_interview, "_terminal_asker", lambda fmt: Scripted(script))
    result = CliRunner().invoke(cli, ["interview", "--format", "json", "--rules", TINY])
    assert result.exit_code == 0, result.output
    assert "question 1 again (now: None of these; back keeps it)" in result.stderr and script == []
    assert json.loads(result.stdout)["facts"]["needs"] == []
