"""Regression: text pasted into an interview list at a terminal had every Unicode blank taken off
its ends (`str.strip()`), so `no` pasted with a no-break space after it chose No, where the
piped interview and `--fact` take off spaces, tabs and line breaks only and refuse the no-break
space as part of what was typed. A paste now loses what a piped answer loses, and no more."""
from __future__ import annotations

import subprocess
import sys

import yaml

from .terminal_support import PASTE_END, PASTE_START, Terminal


def test_a_pasted_no_break_space_is_part_of_the_answer_as_piped(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send(PASTE_START + "no\u00a0" + PASTE_END)
    term.expect("No choice is numbered or begins with")  # said, as a piped answer's refusal is
    term.send("\x7f")  # Backspace takes the paste back
    term.send(PASTE_START + " \tno\t " + PASTE_END)  # spaces and tabs around it are taken off, as piped
    term.send("\r")
    term.expect("> No")
    term.list_for(2)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text()) == {"wellbeing_concern": False}


def test_the_piped_interview_refuses_the_same_answer(tmp_path):
    saved = tmp_path / "person.yaml"
    result = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "interview", "--save", str(saved)],
                            input="no\u00a0\nq\n", capture_output=True, text=True, timeout=60)
    assert not yaml.safe_load(saved.read_text())  # quit with nothing answered: nothing saved as an answer
    assert result.stdout.count("Q1. Are there signs") == 2  # the answer refused, the question asked again
