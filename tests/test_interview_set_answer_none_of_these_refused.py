"""A several-of-several question takes the words the interview itself shows for its empty answer:
`None of these`, the last row of its list at a terminal and how `answers` lists an empty set, is
the empty set piped as `none` is; and `none` typed among other items is said to go alone, the
other good items kept.

Regression: piped, `None of these` was refused as "not one of the choices", though a terminal's
list took it typed or pasted and the interview's own `answers` gave the empty set so; and `none,
career` said `"none" is not one of the choices`, where `none` is the documented answer for none."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.explain.answers import BadAnswer, parse_answer


@pytest.fixture(scope="module")
def needs():
    with Engine.load() as engine:
        yield engine.ruleset.facts["needs"]


@pytest.mark.parametrize("typed", ["None of these", " none of these ", "NONE OF THESE"])
def test_none_of_these_typed_is_the_empty_set(needs, typed):
    assert parse_answer(needs, typed) == [] == parse_answer(needs, "none")


@pytest.mark.parametrize("typed", ["none, career", "career,None of these"])
def test_none_among_other_items_is_said_to_go_alone_and_the_good_items_are_kept(needs, typed):
    with pytest.raises(BadAnswer) as err:
        parse_answer(needs, typed)
    assert err.value.kept == ("career_direction",)
    assert "is not one of the choices" not in err.value.message
    assert "goes alone" in err.value.message and "Kept: Career direction" in err.value.message
