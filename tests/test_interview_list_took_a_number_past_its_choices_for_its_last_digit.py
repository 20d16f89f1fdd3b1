"""At a terminal, a number typed in a list that names no choice is said to name none, and
Enter after it chooses nothing, as for a letter.

Regression: a digit that did not carry on the number typed started it again, so `12` on a
yes/no question moved to No (its `2`) and Enter answered No; `16` on the needs list (14
choices and None of these) ticked Know-how of the organisation, its 6th. Piped, `12` is refused."""
from __future__ import annotations

import yaml

from .terminal_support import Terminal


def test_a_number_past_the_choices_is_said_and_chooses_nothing(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send("12")
    term.expect("No choice is numbered or begins with '12'")
    term.send("\r")  # chooses nothing
    term.send("\x7f\r")  # Backspace takes back the 2: the 1 typed, Yes
    term.expect("> Yes")
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text()) == {"wellbeing_concern": True}


def test_a_number_that_carries_on_still_moves_to_its_choice(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.to_the_needs()
    term.send("16")
    term.expect("No choice is numbered or begins with '16'")
    term.send("\r\x7f\x7f12 \r")  # nothing chosen; then 12, ticked: Personal growth alone
    term.expect("> Personal growth")
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text())["needs"] == ["personal_growth"]
