"""Regression: at a terminal, a question asked as a list ignored typed keys, so a person who
typed their answer (`no`, or its number `2`) and pressed Enter got the choice highlighted first:
Yes, on a screening question that refers the person elsewhere. Typing now moves to the choice
of that number or the first whose words begin with what was typed, and Enter after a key that
names no choice chooses nothing."""
from __future__ import annotations

import yaml

from .terminal_support import Terminal


def test_typed_words_and_numbers_move_to_their_choice_and_enter_takes_it(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send("no\r")  # its first letters
    term.expect("> No")
    term.list_for(2)
    term.send("2\r")  # its number
    term.expect("> No")
    term.list_for(3)
    term.send("x")  # names no choice: said, and Enter takes nothing
    term.expect("No choice is numbered or begins with 'x'")
    term.send("\r")
    term.send("N\r")  # then a key that does name one: No
    term.expect("> No")
    term.list_for(4)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text()) == {
        "wellbeing_concern": False, "formal_performance_process": False, "systemic_cause": False}
