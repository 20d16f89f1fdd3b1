"""The interview wraps each question at the terminal's width when it asks it: a terminal
resized during the interview had every later question wrapped at the width it had at the
start (read once, before the first question)."""
from __future__ import annotations

import re

from .test_interview_tty import Terminal

ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _question_lines(seen: str, number: int) -> list[str]:
    """The lines the interview printed for question `number`, up to where the list starts."""
    after = seen.split(f"Q{number}. ", 1)[1]
    text = ESCAPE.sub("", after.split("\x1b", 1)[0] if not after.startswith("\x1b") else after[4:].split("\x1b", 1)[0])
    return [f"Q{number}. " + line if i == 0 else line for i, line in enumerate(text.split("\r\n")) if line.strip()]


def test_interview_rewraps_questions_after_the_terminal_is_resized(tmp_path):
    term = Terminal("--save", str(tmp_path / "person.yaml"))
    term.list_for(1)
    first = _question_lines(term.seen, 1)
    term.child.setwinsize(30, 50)  # narrower, before the next question is asked
    term.send("\x1b[B\r")  # No
    term.list_for(2)
    second = _question_lines(term.seen, 2)
    term.send("q")
    term.finish()
    assert max(map(len, first)) > 50, first  # the first question used the room it had
    assert len(second) > 1 and max(map(len, second)) <= 50, second
