"""Regression: a direction override (U+202E) written as it is in a rule's reason was reported
as a control character "(after YAML escapes)", though no escape was written, and as one that
"would drive the terminal". Each kind is said as what it does; the code and place are PF101
at the text, as before."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.mark.parametrize("written, words", [("\u202e", "U+202E in text not allowed: it would reorder the text"),
                                            ("\\e", "U+001B in text not allowed: it would drive the terminal")])
def test_a_control_character_in_a_reason_is_said_as_what_it_does(tmp_path, written, words):
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    text = (rules / "rules.yaml").read_text()
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip().startswith("reason:"))
    quote = '"' if written.startswith("\\") else ""
    lines = text.splitlines()
    key = lines[line - 1].partition("reason: ")[0]
    lines[line - 1] = f"{key}reason: {quote}Be{written}fore{quote}"
    (rules / "rules.yaml").write_text("\n".join(lines) + "\n")
    with pytest.raises(PathfitError) as err:
        Engine.load(rules)
    (problem,) = err.value.problems
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF101", line, len(key) + len("reason: ") + 1)
    assert words in problem.message and "escape" not in problem.message
