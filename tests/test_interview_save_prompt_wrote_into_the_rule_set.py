"""Regression: a file name typed at the interview's last prompt ("Save these answers as a
profile?") was checked less than --save is: `interview --save rules/answers.yaml` is refused
before the first question (PF618: the loader would read it as a rule file, and every later
command refuse the rule set), but the same name typed at the prompt was written, breaking the
rule set; and a name the prompt refused was said to be `--save`, an option not given. A typed
name is now refused as --save would be (PF618, exit status 2, nothing written, the answers
shown on stderr to keep), naming the file, not --save."""
from __future__ import annotations

import sys

from click.testing import CliRunner

from pathfit.cli import interview, interview_answers
from pathfit.cli.main import cli

from .helpers import tiny_copy


def _typed_at_the_prompt(monkeypatch, rules, name: str):
    """The interview answered from a terminal (stdin a tty, no answer: the end of the input),
    `name` typed at its last prompt."""
    terminal = type("S", (), {"stdin": type("I", (), {
        "isatty": staticmethod(lambda: True), "readline": staticmethod(lambda: "")})(),
        "stdout": sys.stdout, "stderr": sys.stderr})()
    monkeypatch.setattr(interview, "sys", terminal)
    monkeypatch.setattr(interview_answers, "sys", terminal)
    monkeypatch.setattr(interview_answers.click, "prompt", lambda *args, **kwargs: name)
    return CliRunner().invoke(cli, ["interview", "--rules", str(rules)])


def test_a_name_typed_into_the_rule_set_is_refused_as_save_would_be(tmp_path, monkeypatch) -> None:
    rules = tiny_copy(tmp_path)
    result = _typed_at_the_prompt(monkeypatch, rules, str(rules / "answers.yaml"))
    assert result.exit_code == 2, result.output
    assert f"{rules / 'answers.yaml'}:0:0: PF618: " in result.stderr
    assert "--save" not in result.stderr
    assert "here they are, to keep:" in result.stderr
    assert sorted(p.name for p in rules.iterdir()) == ["kb.md", "policy.yaml", "rules.yaml", "schema.yaml"]


def test_a_name_typed_and_refused_is_not_said_to_be_save(tmp_path, monkeypatch) -> None:
    result = _typed_at_the_prompt(monkeypatch, tiny_copy(tmp_path), str(tmp_path))  # a folder
    assert result.exit_code == 2, result.output
    assert f"{tmp_path}:0:0: PF618: " in result.stderr
    assert "--save" not in result.stderr
