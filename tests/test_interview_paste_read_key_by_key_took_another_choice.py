"""At a terminal, text pasted into a list names a choice as a whole, up to its first line end:
its number, or the first letters of its label, spaces and all.

Regression: a paste was typed key by key with its spaces dropped (a space pasted is no tick),
so `1 3` pasted into the needs list (14 choices) moved to the 13th, An advocate at promotion
time, and Enter answered that, which nobody typed; `Career direction` pasted moved on at its
`d` to Digital fluency and ended on a letter naming nothing."""
from __future__ import annotations

import yaml

from .terminal_support import PASTE_END, PASTE_START, Terminal


def test_a_paste_names_a_choice_as_a_whole(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.to_the_needs()  # the needs: a set of 14
    term.send(PASTE_START + "1 3" + PASTE_END)
    term.expect("No choice is numbered or begins with '1 3'")
    term.send("\r\x7f")  # Enter chooses nothing; Backspace takes the paste back
    term.send(PASTE_START + "Career direction\n" + PASTE_END)
    term.send("\r")
    term.expect("> Career direction")
    term.list_for(5)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text())["needs"] == ["career_direction"]
