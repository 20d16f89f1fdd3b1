"""A mapping key that is no string (PF110) is told why: "YAML reads '5' as a number; quote it".
A key given a tag (`!!int 5:`, `!!null x:`, `!!float "1":`) got the same words, untrue of it:
the tag, not YAML's reading of the text, made it no string, and quoted it stays so (`!!int "5"`
is a number). Now such a key's message names its tag and says to write it quoted and without
it. A plain key is told as before."""
from __future__ import annotations

import pytest

from pathfit.engine.errors import PathfitError
from pathfit.engine.pipeline.load import parse_yaml


def _refused(text: str):
    with pytest.raises(PathfitError) as info:
        parse_yaml(text, "f.yaml")
    [problem] = info.value.problems
    return problem


@pytest.mark.parametrize("key,tag,kind", [
    ("!!int 5", "!!int", "a number"),
    ('!!float "1"', "!!float", "a number"),
    ("!!null x", "!!null", "null"),
    ('!!bool "yes"', "!!bool", "a boolean"),
    ("!!bool yes", "!!bool", "a boolean"),
])
def test_a_tagged_key_is_told_of_its_tag(key: str, tag: str, kind: str):
    problem = _refused(f"a: 1\n{key}: 2\n")
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF110", 2, 1)
    assert f"its {tag} tag reads" in problem.message and f"as {kind}" in problem.message, problem.message
    assert "quote it)" not in problem.message, problem.message


@pytest.mark.parametrize("key,said", [("5", "(YAML reads '5' as a number; quote it)"),
                                      ("yes", "(YAML reads 'yes' as a boolean; quote it)"),
                                      ("~", "(YAML reads '~' as null; quote it)")])
def test_a_plain_key_is_told_as_before(key: str, said: str):
    problem = _refused(f"a: 1\n{key}: 2\n")
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF110", 2, 1)
    assert problem.message == f"mapping keys must be strings {said}"
