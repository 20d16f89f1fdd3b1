"""A list answer's order never changes the decision, whichever way its facts are checked: a plain
list is read at sight, while a tuple, or a list holding a StrEnum, goes the careful way
(profile.check_value). Each order of each form gives the same decision, byte for byte, as the
plain list in sorted order. Before this was held, only the way at sight was tried with its items
shuffled, so the careful way could keep the order given and no test would say."""
from __future__ import annotations

import enum
import itertools
import json

from pathfit.engine import Engine

NEEDS = ("performance", "career_direction", "organisational_know_how")


class Need(enum.StrEnum):
    PERFORMANCE = "performance"


def _bytes(decision) -> str:
    return json.dumps(decision.to_dict(), sort_keys=True)


def test_a_list_answer_in_any_order_and_any_form_gives_the_same_decision():
    with Engine.load() as engine:
        expected = _bytes(engine.evaluate({"needs": sorted(NEEDS), "goal_clarity": "specific"}))
        for order in itertools.permutations(NEEDS):
            for form in (list, tuple, lambda items: [Need(i) if i == "performance" else i for i in items]):
                got = _bytes(engine.evaluate({"needs": form(order), "goal_clarity": "specific"}))
                assert got == expected, (order, form)
