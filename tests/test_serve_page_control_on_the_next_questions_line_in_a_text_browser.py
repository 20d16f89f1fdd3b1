"""Regression: in a text browser (w3m), which does not lay out a
fieldset as a box of its own, each question's drop-down or number box was drawn at the start of
the next question's line ("[Not known] Is the person in a major disruption ...?"), so it read
as the next question's answer, "More questions" ran into the first question under it, and a
list's boxes ran into each other's labels ("A specific skill[ ] Better performance"). Each question's control now stands in a block of its own,
under its question, and a list's boxes are set apart by a space. Seen as w3m draws the page
(`w3m -dump`: Debian's w3m, which .ci/run installs; without it this test fails and says how to
install it), for every question of the bundled rules."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from pathfit.engine import Engine
from pathfit.engine.service import page

INSTALL = "apt-get update -qq && apt-get install -y -qq w3m"


def _drawn(tmp_path) -> tuple[str, list]:
    if shutil.which("w3m") is None:
        pytest.fail(f"this test needs Debian's w3m; install it with: {INSTALL}", pytrace=False)
    with Engine.load() as engine:
        rs = engine.ruleset
        text = page.page(rs, [])
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    drawn = subprocess.run(["w3m", "-dump", "-cols", "2000", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8",
                            str(path)], capture_output=True, text=True, check=True, timeout=30).stdout
    first, rest = page.split_questions(rs, [])
    return drawn, [rs.facts[name] for name in first + rest]


def test_each_question_begins_its_own_line_and_its_control_follows_it(tmp_path):
    drawn, questions = _drawn(tmp_path)
    lines = drawn.splitlines()
    starts = []
    for fact in questions:
        at = [i for i, line in enumerate(lines) if fact.question in line]
        assert at, fact.name
        assert lines[at[0]].strip() == fact.question, (fact.name, lines[at[0]])  # no control before it
        starts.append(at[0])
    assert starts == sorted(starts)
    for fact, begin, end in zip(questions, starts, starts[1:] + [len(lines)]):
        own = "\n".join(lines[begin + 1:end])  # what is drawn under the question, up to the next
        # a drop-down is drawn as its chosen option, padded to its longest; a number box as blanks
        control = r"\[ \]" if fact.type == "set" else r"\[Not known *\]" if fact.type in ("enum", "bool") else r"\[ {4,}\]"
        assert re.search(control, own), (fact.name, own[-300:])


def test_a_lists_boxes_are_set_apart_from_the_labels_before_them(tmp_path):
    drawn, questions = _drawn(tmp_path)
    assert "[ ]" in drawn
    glued = re.findall(r"\S\[ \]", drawn)
    assert not glued, glued[:5]
