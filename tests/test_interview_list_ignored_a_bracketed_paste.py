"""At a terminal, text pasted into a list (a terminal's bracketed paste) moves to the choice it
names, and Enter chooses it.

Regression: the list took a paste as one key it had no use for, and dropped it: `no` pasted
and Enter answered Yes, the choice highlighted first."""
from __future__ import annotations

import yaml

from .terminal_support import PASTE_END, PASTE_START, Terminal


def test_a_pasted_answer_moves_to_its_choice(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send(PASTE_START + "no" + PASTE_END)
    term.send("\r")
    term.expect("> No")
    term.list_for(2)
    term.send(PASTE_START + "2\r\n" + PASTE_END)  # a line end pasted with it chooses nothing: Enter does
    term.send("\r")
    term.expect("> No")
    term.list_for(3)
    term.send(PASTE_START + "x" + PASTE_END)  # names no choice: said, as typed
    term.expect("No choice is numbered or begins with 'x'")
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text()) == {"wellbeing_concern": False, "formal_performance_process": False}
