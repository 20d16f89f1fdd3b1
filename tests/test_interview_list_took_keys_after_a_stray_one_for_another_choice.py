"""At a terminal, a key typed in a list after one that named no choice starts again, as a key
that carries on no word does: it never carries on what was typed before the stray key.

Regression: the stray key was set aside and the next one carried on what was typed before it,
so `1,3` typed in the needs list (14 choices) moved to the 13th, An advocate at promotion
time, and Enter answered that, which nobody typed; on a yes/no question `1x2` was said to be
`12`, naming no choice."""
from __future__ import annotations

import yaml

from .terminal_support import Terminal


def test_a_key_after_a_stray_one_starts_again(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send("1x2\r")  # the 2 alone: No
    term.expect("> No")
    for number in (2, 3):
        term.list_for(number)
        term.send("2\r")
    term.list_for(4)  # the needs: a set of 14
    term.send("1,3\r")  # the 3 alone: A change of behaviour
    term.expect("> A change of behaviour")
    term.list_for(5)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text())["needs"] == ["behaviour_change"]
