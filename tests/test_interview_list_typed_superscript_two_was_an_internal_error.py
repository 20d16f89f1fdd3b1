"""At a terminal, a key typed in a list that Unicode calls a digit but no number is written with
(`²`, one key on a French keyboard) names no choice, as piped: it is said, never a crash.

Regression: the list read it as a number, Python's int() refused it, and prompt_toolkit printed
the traceback of that ValueError over the question ("Press ENTER to continue...")."""
from __future__ import annotations

import yaml

from .terminal_support import PASTE_END, PASTE_START, Terminal


def test_a_superscript_digit_names_no_choice(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send("²")
    term.expect("No choice is numbered or begins with '²'")
    term.send("\x7f2\r")
    term.expect("> No")
    term.list_for(2)
    term.send(PASTE_START + "³" + PASTE_END)  # pasted, the same
    term.expect("No choice is numbered or begins with '³'")
    term.send("\x7f2\r")
    term.expect("> No")
    term.list_for(3)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text()) == {"wellbeing_concern": False, "formal_performance_process": False}
