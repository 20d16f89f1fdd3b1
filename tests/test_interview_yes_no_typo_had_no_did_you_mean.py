"""A yes/no question answered with a slip (`yse`, `noo`, `ture`) was told only "answer yes or no",
where a choice typed with a slip (`mentorng`) is told the nearest choice. It is now told the
nearest answer too; an answer near neither, or as near one as the other, is told none."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.answers import BadAnswer, parse_answer


@pytest.fixture(scope="module")
def flag():
    with Engine.load() as engine:
        yield next(f for f in engine.ruleset.facts.values() if f.type == "bool" and f.kind != "derived")


def _refusal(fact, typed: str) -> str:
    with pytest.raises(BadAnswer) as err:
        parse_answer(fact, typed)
    return err.value.message


@pytest.mark.parametrize("typed, meant", [("yse", "Yes"), ("Yess", "Yes"), ("ture", "Yes"), ("noo", "No"),
                                          ("flase", "No"), ("nope", "No")])
def test_a_slip_is_told_the_nearest_answer(flag, typed, meant):
    assert f'(did you mean "{meant}"?)' in _refusal(flag, typed)


@pytest.mark.parametrize("typed", ["maybe", "ny", "perhaps", "3"])
def test_an_answer_near_neither_or_both_is_told_none(flag, typed):
    assert "did you mean" not in _refusal(flag, typed)


def test_the_piped_interview_tells_the_nearest_answer_and_asks_again():
    result = CliRunner().invoke(cli, ["interview"], input="yse\nyes\n")
    assert result.exit_code == 0, result.output
    assert 'did you mean "Yes"?' in result.output
    assert result.output.count("Q1.") == 2
