"""Regression: the interview's number question quoted what was typed when it refused most answers
("xno" is not a number), but not YAML's `.nan` and `.inf`, which it reads as numbers and refuses
as not finite, nor a number with a fraction for a question that takes whole numbers: for those it
said only "answer a number from 0 to 160 hours", as if nothing had been read. `--fact` names the
value in both cases (PF404 "must be a finite number, not NaN", PF402 for 2.5). Now the message
says what was typed and why it is not taken, then what to answer, as for the other answers."""
from __future__ import annotations

import pytest

from pathfit.engine.explain.answers import BadAnswer, parse_answer

from .audit_support import engine  # the module-scoped fixture the audit tests share

WANTED = "answer a number from 0 to 160 hours"


@pytest.mark.parametrize("typed", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_a_number_that_is_not_finite_is_named_as_typed(engine, typed):
    fact = engine.ruleset.facts["hours_per_month"]
    with pytest.raises(BadAnswer) as caught:
        parse_answer(fact, f" {typed} ")
    assert str(caught.value).endswith(f'"{typed}" is not a finite number; {WANTED}'), str(caught.value)


def test_a_fraction_for_a_whole_number_question_is_named(engine):
    fact = engine.ruleset.facts["horizon_months"]._replace(integer=True)
    with pytest.raises(BadAnswer) as caught:
        parse_answer(fact, "2.5")
    assert str(caught.value).endswith("2.5 is not a whole number; answer a whole number from 1 to 120 months"), \
        str(caught.value)
    assert parse_answer(fact, "2.0") == 2 and type(parse_answer(fact, "2.0")) is int


def test_a_number_taken_is_still_taken(engine):
    fact = engine.ruleset.facts["hours_per_month"]
    assert parse_answer(fact, "12.5") == 12.5 and parse_answer(fact, "0") == 0
