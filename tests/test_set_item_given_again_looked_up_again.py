"""Regression: a list answer holding the same wrong item many times looked its did-you-mean up
again for every copy, though the message names it once: 5,000 copies of 'netwrk' in `needs`
held the web service's engine 1 to 2 s for one 50 KB request (`/v1/decisions`, `/v1/explain`),
and `recommend --profile` as long. Each distinct wrong item is now worded once; the message, and
each copy's own located problem, are as before."""
from __future__ import annotations

import pytest

from pathfit.engine.pipeline.model import FactDef
from pathfit.engine.pipeline.profile import Words, _Bad, check_value

NEEDS = FactDef("needs", "input", "set", ("network", "skill", "basics"))


class Counted(Words):
    """The profile's words, counting the did-you-mean look-ups."""

    def __init__(self):
        self.asked: list = []

    def hint(self, fact, value) -> str:
        self.asked.append(value)
        return super().hint(fact, value)


def test_a_wrong_item_given_again_is_looked_up_once():
    words = Counted()
    with pytest.raises(_Bad) as bad:
        check_value(NEEDS, ["netwrk", "skill", "netwrk", 7, "skil", "netwrk", 7], words)
    assert sorted(v for v in words.asked if isinstance(v, str)) == ["netwrk", "skil"]
    assert bad.value.message == "needs takes network, skill, basics; not 'netwrk' (did you mean 'network'?), 7 or " \
        "'skil' (did you mean 'skill'?)"
    assert [i for i, _ in bad.value.items] == [0, 2, 3, 4, 5, 6]  # every copy still located at its own item
    assert bad.value.items[1][1].endswith("not 'netwrk' (did you mean 'network'?)")
