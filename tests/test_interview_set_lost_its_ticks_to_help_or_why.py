"""At a terminal, items ticked in a list of several stay ticked when `help`, `why` or `answers`
is asked there: the list comes back as it was left, and Enter confirms the ticks.

Regression: the list came back with nothing ticked, so a person who ticked two needs, read
the help and pressed Enter answered the highlighted need alone."""
from __future__ import annotations

import yaml

from .terminal_support import UP, Terminal


def test_ticks_survive_help_why_and_answers(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.to_the_needs()
    term.send("1 3 ")  # A specific skill, A change of behaviour
    for key in ("h", "w", UP * 4 + "\r"):  # help, why: their keys on this list; answers, its entry (`a`
        term.send(key)                     # types A specific skill here), the 4th from the list's foot
        term.list_for(4)
    term.send("\r")
    term.expect("> A specific skill, A change of behaviour")
    term.list_for(5)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text())["needs"] == ["specific_skill", "behaviour_change"]
