"""A choice is answered by its number; a number of more digits than Python's int() reads
(4,300) names none and is said to, as any number past the choices is, piped and at a terminal.

Regression: the answer was made an int to compare it with the choices' numbers, and int()
refused it: piped, a one-of or list question ended the interview in `pathfit: internal error:
ValueError`, the answers given lost; at a terminal, a paste of such a number into a list did
the same inside the list."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import bundled_copy
from .terminal_support import PASTE_END, PASTE_START, Terminal

LONG = "9" * 5000


def test_piped_a_long_number_names_no_choice(tmp_path):
    rules = bundled_copy(tmp_path)
    saved = tmp_path / "person.yaml"
    # three screening questions answered no, then the needs (a list) with the long number,
    # alone and among good items; the needs are then answered
    answers = f"no\nno\nno\n{LONG}\n1,{LONG}\n\n"
    out = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--save", str(saved)], input=answers + "quit\n")
    assert "internal error" not in out.output, out.output[-600:]
    assert out.exit_code == 0, out.output[-600:]
    assert out.output.count("is not one of the choices") + out.output.count("are not among the choices") >= 2
    assert yaml.safe_load(saved.read_text())["needs"] == ["specific_skill"]  # the good item kept


def test_at_a_terminal_a_pasted_long_number_names_no_choice(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send(PASTE_START + LONG + PASTE_END)
    term.expect("No choice is numbered or begins with")
    term.send("\r")  # chooses nothing
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text()) in (None, {})
