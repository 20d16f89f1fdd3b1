"""Regression: a list answer holding the same wrong item many times, where the item is not text
(`[]`, `{}`, `0.5`), was worded again for every copy, though the message names it once: a list
or a mapping is written out in YAML's flow style each time, and 21,000 copies of `[]` in one
64 KiB request held the web service's engine about a second (`recommend --profile` as long).
Only text items were worded once. Each distinct item is now worded once, whatever its type;
items worded apart stay apart (`-0.0` and `0.0`, `1` and `true`, `[1]` and `['1']`), and every copy is still located at its own item."""
from __future__ import annotations

import pytest

from pathfit.engine.pipeline.model import FactDef
from pathfit.engine.pipeline.profile import Words, _Bad, check_value

NEEDS = FactDef("needs", "input", "set", ("network", "skill", "basics"))


class Counted(Words):
    """The profile's words, counting the items worded."""

    def __init__(self):
        self.worded: list = []

    def given(self, fact, value) -> str:
        self.worded.append(value)
        return super().given(fact, value)


def test_an_item_that_is_not_text_given_again_is_worded_once():
    words = Counted()
    items = [[], {}, 0.5, [], {}, 0.5, -0.0, 0.0, 1, True, ["1"], [1], [], {"a": [1]},
             {"a": [1]}]
    with pytest.raises(_Bad) as bad:
        check_value(NEEDS, items, words)
    assert len(words.worded) == 10, words.worded  # [], {}, 0.5, -0.0, 0.0, 1, true, ['1'], [1], {a: [1]}
    assert bad.value.message == ("needs takes network, skill, basics; not [], {}, 0.5, -0.0, 0.0, 1, true, "
                                 "['1'], [1] or {a: [1]}")
    assert [i for i, _ in bad.value.items] == list(range(len(items)))  # every copy located at its own item
    assert bad.value.items[3][1].endswith("not []") and bad.value.items[14][1].endswith("not {a: [1]}")
