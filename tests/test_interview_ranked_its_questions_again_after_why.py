"""The interview ranks the questions once for each state of the answers: `why`, `help`,
`answers`, an answer it cannot read, `back` at the first question and a `change` naming no
answer ask the same question again without ranking them again.

Regression: every such reply ranked every question again, re-running the engine for each
answer it tries (about a third of a second at the bundled rules' first question, as much at 300
generated rules), only to ask the question it had just asked: a person typing `why` waited that
long for the question to come back."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli import interview as cli_interview
from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def test_replies_that_change_no_answer_rank_the_questions_once(monkeypatch):
    ranked = []
    real = cli_interview.next_question

    def counted(engine, answers, skipped):
        ranked.append((dict(answers), set(skipped)))
        return real(engine, answers, skipped)

    monkeypatch.setattr(cli_interview, "next_question", counted)
    replies = ["why", "why", "help", "answers", "maybe", "back", "change 1", "2", "why", "unknown", "quit"]
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY], input="\n".join(replies) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Q1. What is needed?") == 8 and "Q2." in result.output
    # the first question, then once after each answer taken (`2`, then `unknown` at the second)
    assert [state for state, _ in ranked] == [{}, {"needs": ["network"]}, {"needs": ["network"]}], ranked
    assert [len(skipped) for _, skipped in ranked] == [0, 0, 1], ranked
