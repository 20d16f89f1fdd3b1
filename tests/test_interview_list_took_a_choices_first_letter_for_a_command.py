"""Regression: at a terminal, a list whose choices begin with a command's key (w u b a c h q)
took that letter for the command, though the list invites typing a choice's first letters:
on the bundled rules' needs, `better` for Better performance went back at its `b`, and
`career` for Career direction asked which answer to change at its `c`. A letter some choice
of the list begins with now types it there; the command is its entry at the list's foot, and
the toolbar names only the keys in force on that list."""
from __future__ import annotations

import re

import yaml

from .terminal_support import Terminal

# the needs list of the bundled rules: its choices begin with a, b, c and others, none with w, u, h or q
SHADOWED = ("b back", "a answers", "c change")


def test_a_choice_beginning_with_a_command_key_is_typed(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.to_the_needs()
    term.send("better career ")  # each word moves to its choice, Space ticks it
    term.send("\r")
    term.list_for(5)
    term.send("q")
    term.finish()
    assert sorted(yaml.safe_load(saved.read_text())["needs"]) == ["career_direction", "performance"]


def test_the_toolbar_names_only_the_keys_in_force(tmp_path):
    term = Terminal("--save", str(tmp_path / "person.yaml"))
    term.list_for(1)  # Yes and No: every command has its key
    term.expect(r"w why\s+u unknown\s+b back\s+a answers\s+c change\s+h help\s+q quit")
    for number in (1, 2, 3):
        term.send("2\r")
        term.list_for(number + 1)
    start = len(term.seen)
    term.expect(r"w why\s+u unknown\s+h help\s+q quit")
    needs = term.seen[start:]
    assert not any(key in needs for key in SHADOWED), needs
    term.send("q")
    term.finish()
