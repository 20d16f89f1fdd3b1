"""An anchor is no tag. A yes/no word or a number written with an anchor (`ready: &a no`,
`&k 5: x`) spans more than its text, as one written with a tag does, and was taken for tagged:
its messages said "'no' is read as false by its !!bool tag" and "its !!int tag reads '5' as a
number; write it quoted and without the tag", of a file that holds no tag. And a key that is an
alias (`*k :`), refused as one (PF104), was also PF110, told that "its !!str tag reads" the
anchored key's text "as null". Now only a tag written is taken for one, and an alias key is
PF104 alone."""
from __future__ import annotations

import pytest

from pathfit.engine.errors import PathfitError
from pathfit.engine.pipeline.load import parse_yaml
from pathfit.engine.pipeline.tagged_words import Tagged


@pytest.mark.parametrize("text,tagged", [
    ("a: &q no\n", False),
    ("a: &q\n  no\n", False),
    ("a: &q # a comment with !!bool in it\n  no\n", False),
    ("a: &q !!bool no\n", True),
    ("a: !!bool &q no\n", True),
    ("a: !!bool no\n", True),
    ("a: no\n", False),
])
def test_only_a_written_tag_is_taken_for_one(text: str, tagged: bool):
    doc = parse_yaml(text + "b: x\\ty\n", "f.yaml")  # the backslash: read by the full path
    assert isinstance(doc.surprises["a"], Tagged) is tagged, doc.surprises
    seq = parse_yaml(f"- {text[3:]}- x\\ty\n".replace("\n  ", "\n    "), "f.yaml")
    assert isinstance(seq.surprises[0], Tagged) is tagged, seq.surprises


def _problems(text: str) -> list:
    with pytest.raises(PathfitError) as info:
        parse_yaml(text, "f.yaml")
    return info.value.problems


def test_an_anchored_key_is_told_as_a_plain_one():
    [problem] = _problems("a: 1\n&k 5: 2\n")
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF110", 2, 1)
    assert problem.message == "mapping keys must be strings (YAML reads '5' as a number; quote it)"


@pytest.mark.parametrize("text,said", [
    ("&k a: 1\n*k : 2\n", [("PF104", 2, 1)]),
    ("&k 5: 1\n*k : 2\n", [("PF110", 1, 1), ("PF104", 2, 1)]),  # the anchored key itself: no string
    ("? &m {a: 1}\n: 1\n*m : 2\n", [("PF110", 1, 3), ("PF104", 3, 1)]),
])
def test_an_alias_key_is_the_alias_alone(text: str, said: list):
    assert sorted((p.code, p.pos.line, p.pos.col) for p in _problems(text)) == sorted(said)
