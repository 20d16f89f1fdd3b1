"""A choice's number is read whole, leading zeros aside (`01` is choice 1); one written after
thousands of zeros is still that choice's number, piped and at a terminal.

Regression: the check that a number of more digits than int() reads (4,300) names no choice
counted the digits after the zeros, then read the whole answer with int(), which refused it:
`0000...0001` (5,001 digits) ended the interview in `pathfit: internal error: ValueError`."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import bundled_copy
from .terminal_support import PASTE_END, PASTE_START, Terminal

ONE = "0" * 5000 + "1"


def test_the_number_is_read_whole_zeros_aside():
    from pathfit.engine.explain.answers import choice_index

    assert [choice_index(t, 3) for t in (ONE, "03", "0" * 5000 + "4", "0" * 5000, "9" * 5000)] == \
        [0, 2, None, None, None]


def test_piped_a_number_after_5000_zeros_names_its_choice(tmp_path):
    rules = bundled_copy(tmp_path)
    saved = tmp_path / "person.yaml"
    # three screening questions answered no, then the needs (a list): choice 1, after 5,000 zeros
    answers = f"no\nno\nno\n{ONE}\n"
    out = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--save", str(saved)], input=answers + "quit\n")
    assert out.exception is None or isinstance(out.exception, SystemExit), repr(out.exception)
    assert out.exit_code == 0, out.output[-600:]
    assert yaml.safe_load(saved.read_text())["needs"] == ["specific_skill"]


def _pasted_at_a_terminal(tmp_path, number: str, name: str):
    """What the interview saves when `number` is pasted into the first question's list and chosen."""
    saved = tmp_path / name
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send(PASTE_START + number + PASTE_END)
    term.send("\r")  # choice 1 of the first screening question ends the interview with a referral
    term.expect("Saved 1 answer")
    return yaml.safe_load(saved.read_text())


def test_at_a_terminal_a_pasted_number_after_5000_zeros_names_its_choice(tmp_path):
    chosen = _pasted_at_a_terminal(tmp_path, ONE, "zeros.yaml")
    assert chosen and chosen == _pasted_at_a_terminal(tmp_path, "1", "one.yaml")
