"""At an 80-column terminal the interview's key lines are whole: the list's foot names every
key (q quit included) for a set question as for the others, and a typed answer's toolbar
names every word to type.

Regression: the keys were one line, 83 columns for a set question, so an 80-column terminal
cut off `q quit`; with `answers` and `change` added it would have been 104."""
from __future__ import annotations

from .terminal_support import DOWN, Terminal

KEYS = "w why  u unknown  b back  a answers  c change  h help  q quit"


def test_every_key_is_shown_whole_at_80_columns(tmp_path):
    term = Terminal("--save", str(tmp_path / "person.yaml"))
    term.child.setwinsize(30, 80)
    for number in (1, 2, 3):
        term.list_for(number)
        term.expect(KEYS)
        term.send(DOWN + "\r")
    term.list_for(4)  # a set: Space ticks, Enter confirms; b, a and c begin choices there, so type them
    term.expect("w why  u unknown  h help  q quit")
    term.send(DOWN * 3 + " " + "\r")
    term.list_for(5)
    term.send("\r")
    term.typed_for(6)
    term.expect("type why, unknown, back, answers, change, help or quit")
    term.send("q\r")
    term.finish()
