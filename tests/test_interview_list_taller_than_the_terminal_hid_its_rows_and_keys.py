"""A list taller than the terminal scrolls to keep the highlighted row in sight, with the keys
always shown under it, and a narrow terminal gets every key whole, on as many lines as it needs.

Regression: the needs question (14 choices, `None of these`, the seven entries at their foot
and the two toolbar lines) was cut at the terminal's last row: on a 15-line terminal, moving
to the entries at the foot highlighted rows never drawn, and the keys were never shown (on
24 lines neither was the keys line); at 40 columns the keys line lost `c change  h help  q quit`
at the terminal's edge."""
from __future__ import annotations

from .terminal_support import UP, Terminal


def _seen_after(term: Terminal, keys: str, text: str) -> None:
    """Send `keys`, then wait for `text` drawn after them."""
    term.seen = ""
    term.send(keys)
    term.expect(text)


def test_a_list_taller_than_the_terminal_shows_the_row_moved_to_and_the_keys(tmp_path):
    term = Terminal("--save", str(tmp_path / "person.yaml"))
    term.child.setwinsize(15, 80)
    term.to_the_needs()
    term.expect("w why  u unknown  h help  q quit")  # under the list, though it is taller than the terminal
    _seen_after(term, UP, "Stop here and see the advice so far")  # Up from the first row: the last entry, drawn
    _seen_after(term, UP, "Help on this question")
    term.send("\r")
    term.expect("No further help|help")
    term.list_for(4)
    term.send(UP + "\r")
    term.finish()


def test_every_key_is_shown_whole_at_40_columns(tmp_path):
    term = Terminal("--save", str(tmp_path / "person.yaml"))
    term.child.setwinsize(30, 40)
    term.list_for(1)
    term.expect("w why  u unknown  b back  a answers")
    term.expect("c change  h help  q quit")
    term.send("q")
    term.finish()
