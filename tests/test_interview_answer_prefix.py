"""An interview answer that is the start of more than one choice (four letters at least) is
refused saying so and naming those choices, so the person knows to type more of it; an
answer that is the start of just one of them is that choice.

Regression: `Know`, the start of both "Knowledge passed on" and "Know-how of the
organisation", was refused as "not one of the choices", with nothing said of either."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.answers import BadAnswer, parse_answer

BOTH = ('"Knowledge passed on"', '"Know-how of the organisation"')


@pytest.fixture(scope="module")
def needs():
    with Engine.load() as engine:
        yield engine.ruleset.facts["needs"]


def _refusal(fact, typed: str) -> BadAnswer:
    with pytest.raises(BadAnswer) as err:
        parse_answer(fact, typed)
    return err.value


@pytest.mark.parametrize("kind", ["set", "enum"])
def test_the_start_of_two_choices_is_refused_naming_both(needs, kind):
    fact = needs._replace(type=kind)
    message = _refusal(fact, "Know").message
    assert '"Know" starts more than one choice' in message and all(label in message for label in BOTH), message
    assert "not one of the choices" not in message
    assert parse_answer(fact, "Knowl") == (["knowledge_transfer"] if kind == "set" else "knowledge_transfer")


def test_a_set_answer_names_a_start_of_two_choices_beside_an_item_that_is_no_choice(needs):
    err = _refusal(needs, "Know, network, fooo")
    assert err.kept == ("network",)
    assert '"Know" (starts more than one choice:' in err.message and all(label in err.message for label in BOTH)
    assert '"fooo"' in err.message


def test_the_interview_says_which_choices_an_answer_starts():
    result = CliRunner().invoke(cli, ["interview"], input="no\nno\nno\nKnow\nquit\n")
    assert result.exit_code == 0, result.output
    assert "starts more than one choice" in result.output and "not one of the choices" not in result.output
