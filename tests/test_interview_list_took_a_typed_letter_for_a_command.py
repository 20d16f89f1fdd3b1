"""Regression: at a terminal, typing a choice's words in a list ran a command at the first of
their letters that is a command's key (w u b a c h q): `knowledge` asked why at its `w`,
`digital` showed the answers at its `a`, `structured` would leave the question unknown at its
`u`, and the letters after it went on to the next screen. A command key that carries on a
word being typed, to a choice that begins so, is now typed; alone it is still the command."""
from __future__ import annotations

import yaml

from .terminal_support import Terminal


def test_letters_typed_into_a_word_are_the_word_not_commands(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.to_the_needs()  # a set of 14: Knowledge passed on, ..., Digital fluency ...
    term.send("knowledge digital \r")
    term.list_for(5)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text())["needs"] == ["knowledge_transfer", "digital_fluency"]


def test_a_command_key_typed_first_is_still_the_command(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send("n")  # moves to No, then `u` carries on no choice's word: the command
    term.send("u")
    term.list_for(2)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text()) == {}
