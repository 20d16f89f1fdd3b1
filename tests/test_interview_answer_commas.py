"""An interview answer to a several-of-several question made only of commas names no item, and
is refused as the empty answer is ("none" must be typed), while `--fact` reads a set given as
text as a comma list, where naming no item (`needs=`, `needs=,`) is the empty set.

Regression: `,`, ` , ` or `,,` was taken as "None of these" (`needs: []`), though an empty
answer, which names no item either, is refused."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.answers import BadAnswer, parse_answer

COMMAS = [",", " , ", ",,", ", ,"]


@pytest.fixture(scope="module")
def needs():
    with Engine.load() as engine:
        yield engine.ruleset.facts["needs"]


def _refusal(fact, typed: str, kept: tuple = ()) -> BadAnswer:
    with pytest.raises(BadAnswer) as err:
        parse_answer(fact, typed, kept)
    return err.value


@pytest.mark.parametrize("typed", COMMAS)
def test_a_set_answer_of_only_commas_is_refused_as_the_empty_answer_is(needs, typed):
    assert _refusal(needs, typed).message == _refusal(needs, "").message
    assert _refusal(needs, typed).kept == ()


@pytest.mark.parametrize("typed", COMMAS)
def test_a_set_answer_of_only_commas_keeps_the_kept_items_as_enter_does(needs, typed):
    assert parse_answer(needs, typed, ("network",)) == parse_answer(needs, "", ("network",)) == ["network"]


def test_the_interview_asks_again_after_an_answer_of_only_commas():
    result = CliRunner().invoke(cli, ["interview", "--format", "json"], input="no\nno\nno\n,\nquit\n")
    assert result.exit_code == 0, result.output
    assert "needs" not in json.loads(result.stdout)["facts"]
    assert result.stderr.count("\nQ4. ") == 2  # asked again


def test_fact_option_reads_only_commas_as_it_reads_nothing_the_empty_set():
    def facts(value: str) -> dict:
        result = CliRunner().invoke(cli, ["recommend", "--fact", f"needs={value}", "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["facts"]

    assert facts(",") == facts("") == facts(" , ") == {"needs": []}
