"""Regression: a choice whose label reads as the interview's `change N` command (`Change 2`,
`change q1`, any case) was chosen by its label at no question: typed, it asks to change answer N
(the command is read before the answer), and the question said nothing of it, though it says so
for a choice named like any other command. It now says, under the question, to choose it by its
number, and the number chooses it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .test_value_named_known_worded_as_no_answer import POLICY
from .helpers import written_rule_set
from .test_interview_value_named_like_a_command import _asked

SCHEMA = """ruleset: labelled-like-change
knowledge_base: kb.md
facts:
  status:
    type: enum
    values: [alpha, beta, gamma]
    labels: {alpha: Change 2, beta: change q1, gamma: Changed}
    question: What is the status?
"""
RULES = """rules:
  - id: c.alpha
    reason: A status of alpha is coaching's.
    cites: [s]
    when: {fact: status, equals: alpha}
    then: {evidence: {coaching: 3}}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return written_rule_set(tmp_path_factory.mktemp("change") / "rules", SCHEMA, POLICY, RULES, ("Status", "s"))


def test_a_choice_labelled_like_change_n_is_said_to_be_chosen_by_its_number(rules: Path):
    got = CliRunner().invoke(cli, ["interview", "--rules", str(rules)], input="quit\n")
    assert got.exit_code == 0, got.output
    shown = " ".join(_asked(got.output, "What is the status?").split())
    assert "To choose Change 2, type 1: change 2 on its own is read as the command." in shown
    assert "To choose change q1, type 2: change q1 on its own is read as the command." in shown
    assert "Changed, type" not in shown  # not a command: typed, it is the answer


def test_its_number_chooses_it_and_its_label_asks_for_a_change(rules: Path, tmp_path: Path):
    saved = tmp_path / "answers.json"
    got = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--save", str(saved)], input="Change 2\n1\n")
    assert got.exit_code == 0, got.output
    assert "There is no answer to change yet." in got.output  # the label typed is the command
    assert json.loads(saved.read_text()) == {"status": "alpha"}
