"""`pathfit docs` on a certainty-factor rule set: a negative weight is printed with
its own sign (never `+-0.5`), and a rule weighing for one outcome and against another
is under a heading that names no outcome the policy does not have."""
from __future__ import annotations

import re

from pathfit.engine.authoring.catalogue import render
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import HERE


def test_signs_and_several_outcomes_heading():
    rs = read_ruleset(HERE / "fixtures" / "advisor")
    text = render(rs, "kb.md")
    assert "+-" not in text
    block = text.split("### `red.meat`", 1)[1].split("###", 1)[0]
    assert "- **Then** +0.8 evidence for **red**, -0.5 evidence for **white**\n" in block
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert "Evidence for a blend" not in headings and "blend" not in text.lower()
    several = text.split("## Evidence for several outcomes\n", 1)[1].split("\n## ", 1)[0]
    assert "evidence outcomes (`red`, `white`, `rose`)" in several
    assert sorted(re.findall(r"^### `([^`]+)`$", several, re.M)) == [
        "red.meat", "rose.tomato", "taste.sweet", "white.fish"]
