"""An `is:` test written with a near miss of `known` or `unknown` (`is: knwn`) was PF204
listing what `is` takes, but with no did-you-mean, where every other value a rule file
names from a fixed list has one. It now has the hint, at the same code and position; a
word near neither, or a value that is no text, still has none."""
from __future__ import annotations

from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import tiny_copy

RULE = """rules:
  - id: x.presence
    reason: r
    cites: [focus]
    when: {{fact: {fact}, is: {value}}}
    then: {{evidence: {{coaching: 1}}}}
"""


def _problem(tmp_path: Path, fact: str, value: str):
    rules = tiny_copy(tmp_path)
    (rules / "extra.yaml").write_text(RULE.format(fact=fact, value=value))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    [problem] = info.value.problems
    return problem


@pytest.mark.parametrize("fact,value,meant", [
    ("goal", "knwn", "known"),
    ("goal", "unknwon", "unknown"),
    ("structured", "knwon", "known"),  # a derived fact takes `known` only
])
def test_a_near_miss_of_known_or_unknown_gets_a_hint(tmp_path: Path, fact: str, value: str, meant: str):
    problem = _problem(tmp_path, fact, value)
    assert (problem.code, Path(problem.pos.file).name, problem.pos.line, problem.pos.col) == \
        ("PF204", "extra.yaml", 5, 24 + len(fact))
    assert f"(did you mean '{meant}'?)" in problem.message


@pytest.mark.parametrize("fact,value", [("goal", "maybe"), ("goal", "12"), ("goal", "true"),
                                        ("structured", "unknown")])  # meant as written, refused for a derived fact
def test_a_value_near_neither_gets_no_hint(tmp_path: Path, fact: str, value: str):
    problem = _problem(tmp_path, fact, value)
    assert problem.code == "PF204" and "did you mean" not in problem.message
