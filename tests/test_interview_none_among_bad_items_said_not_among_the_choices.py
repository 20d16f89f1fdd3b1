"""A set answer with more than one item refused gave them one reason, "2 answers are not among the
choices", though `none` is a choice (it means none of these, and goes alone) and an item starting
several choices names no single one: `none, xyz` said `none` was not among the choices. Where
the items are refused for different reasons, each is now said with its own ("xyz" not one of the
choices); where all share one, it is said once, as before."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.explain.answers import BadAnswer, parse_answer


@pytest.fixture(scope="module")
def needs():
    with Engine.load() as engine:
        yield engine.ruleset.facts["needs"]


@pytest.mark.parametrize("typed, said", [
    ("none, xyz", '2 answers cannot be taken: "none" (means none of these, and goes alone), '
                  '"xyz" (not one of the choices);'),
    ("none, netwrk", '2 answers cannot be taken: "none" (means none of these, and goes alone), '
                     '"netwrk" (not one of the choices; did you mean "network"?);'),
    ("know, xyz", '2 answers cannot be taken: "know" (starts more than one choice: '),
    ("netwrk, foo", '2 answers are not among the choices: "netwrk" (did you mean "network"?), "foo";'),
])
def test_each_refused_item_is_given_its_own_reason(needs, typed, said):
    with pytest.raises(BadAnswer) as err:
        parse_answer(needs, typed)
    assert said in err.value.message, err.value.message
    if typed == "know, xyz":
        assert '"xyz" (not one of the choices)' in err.value.message
