"""An empty answer (Enter alone, or only spaces) to a one-of-several question is told to choose
one, as an empty yes/no or several-of-several answer is told what to type.

Regression: it was refused as `"" is not one of the choices`, quoting nothing at a person who
had typed nothing."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.explain.answers import BadAnswer, parse_answer


@pytest.fixture(scope="module")
def stage():
    with Engine.load() as engine:
        yield engine.ruleset.facts["career_stage"]


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_an_empty_answer_to_a_choice_is_told_to_choose_one(stage, typed):
    with pytest.raises(BadAnswer) as err:
        parse_answer(stage, typed)
    assert '""' not in err.value.message and "not one of the choices" not in err.value.message
    assert err.value.message.startswith("Choose one: answer a number from 1 to 4, or a choice's name")
