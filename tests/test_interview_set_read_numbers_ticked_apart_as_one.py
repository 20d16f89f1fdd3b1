"""Regression: in a list of several choices at a terminal, numbers typed and ticked one after
another were read as one number: `1`, Space, `2`, Space ticked choices 1 and 12, not 1 and 2,
since a tick did not end what was typed. And Backspace did nothing: a key typed by mistake
could not be taken back, its 'no choice' note stayed and Enter went on choosing nothing. A tick
now ends the number typed, and Backspace takes back the last key typed."""
from __future__ import annotations

import yaml

from .terminal_support import Terminal


def _at_the_set(tmp_path) -> tuple[Terminal, object]:
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.to_the_needs()  # a set of 14
    return term, saved


def _finish(term: Terminal, saved) -> list:
    term.list_for(5)
    term.send("q")
    term.finish()
    return yaml.safe_load(saved.read_text())["needs"]


def test_numbers_ticked_one_after_another_tick_each(tmp_path):
    term, saved = _at_the_set(tmp_path)
    term.send("1 2 \r")
    assert _finish(term, saved) == ["specific_skill", "performance"]


def test_backspace_takes_back_a_key_typed_by_mistake(tmp_path):
    term, saved = _at_the_set(tmp_path)
    term.send("14\x7f ")  # 14, then Backspace: back to 1, ticked
    term.send("z")
    term.expect("No choice is numbered or begins with 'z'")
    term.send("\x7f\r")  # the stray key taken back, Enter confirms
    assert _finish(term, saved) == ["specific_skill"]
