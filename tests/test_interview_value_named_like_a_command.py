"""Regression: a choice named like an interview command could not be chosen by its name. With
`status` taking the values known, unknown and none, typing `unknown` at its question left it
unanswered (the command), with nothing on screen saying so; a set's member named `none` typed
alone gave the empty set. The typed interview now says, under such a question, that the choice
is chosen by its number, and the number chooses it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from click.testing import CliRunner

from pathfit.cli.main import cli

from .test_value_named_known_worded_as_no_answer import POLICY, RULES, SCHEMA
from .helpers import written_rule_set

SET_SCHEMA = SCHEMA + """  wants:
    type: set
    values: [none, help, more]
    labels: {none: None as yet, help: Some help, more: More of it}
    question: What is wanted?
"""
SET_RULES = RULES + """  - id: c.wants_none
    reason: Wanting the member none is coaching's.
    cites: [s]
    when: {fact: wants, contains: none}
    then: {evidence: {coaching: 1}}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return written_rule_set(tmp_path_factory.mktemp("commands") / "rules", SET_SCHEMA, POLICY, SET_RULES, ("Status", "s"))


def _interview(rules: Path, tmp_path: Path, replies: str) -> tuple[dict, str]:
    saved = tmp_path / "answers.json"
    got = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--save", str(saved)], input=replies)
    assert got.exit_code == 0, got.output
    return json.loads(saved.read_text()), got.output


def _asked(out: str, question: str) -> str:
    """The lines shown from `question` up to the prompt that follows it."""
    block = out[out.index(question):]
    return block[:block.index("> ")]


def test_a_value_named_unknown_is_said_to_be_chosen_by_its_number_and_is(rules: Path, tmp_path: Path):
    answers, out = _interview(rules, tmp_path, "2\n3\n")  # status: unknown (its number); wants: more
    shown = " ".join(_asked(out, "What is the status?").split())
    assert "To choose Not known to us, type 2: unknown on its own is read as the command." in shown
    assert "Known to us, type" not in shown and "None of them, type" not in shown  # no other choice is a command
    assert answers["status"] == "unknown"


def test_unknown_typed_alone_still_leaves_the_question_unanswered(rules: Path, tmp_path: Path):
    answers, _ = _interview(rules, tmp_path, "unknown\n3\n")
    assert "status" not in answers


def test_a_set_member_named_none_or_like_a_command_is_said_to_be_chosen_by_its_number(rules: Path, tmp_path: Path):
    answers, out = _interview(rules, tmp_path, "unknown\n1,2\n")
    shown = " ".join(_asked(out, "What is wanted?").split())
    assert "To choose None as yet, type 1: none on its own means none of these." in shown
    assert "To choose Some help, type 2: help on its own is read as the command." in shown
    assert "More of it, type" not in shown
    assert answers["wants"] == ["none", "help"]


def test_no_question_of_the_bundled_rules_says_more():
    """Every question of the bundled rules, left unknown one after another: none has a choice
    named like a command, so none says more than it did."""
    got = CliRunner().invoke(cli, ["interview"], input="unknown\n" * 200)
    assert got.exit_code == 0, got.output
    assert len(re.findall(r"^Q\d+\. ", got.output, re.M)) >= 10  # questions were asked
    assert "on its own is read as the command" not in got.output
    assert "on its own means none of these" not in got.output
