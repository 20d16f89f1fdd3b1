"""Regression: a fact declared with a `type:` that is no text (`type: [bool]`, a mapping, a
number, null) was two errors at one place for one mistake: PF203 "type must be text, not a
list" and PF204 "type [bool] is not one of enum, set, bool, number". It is now the one PF203,
naming the types a fact can have, and the type meant where a list holds one of them. A type
read as a YAML 1.1 boolean (`type: yes`) is its PF211 alone; a text that is no type is still
PF204 with its did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

TINY = Path(__file__).parent / "fixtures" / "tiny"
READY = "  ready:\n    type: bool\n"


def _problems(tmp_path: Path, written: str) -> list:
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    schema = rules / "schema.yaml"
    assert READY in schema.read_text()
    schema.write_text(schema.read_text().replace(READY, f"  ready:\n    type: {written}\n", 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    return [(p.code, p.pos.line, p.pos.col, p.message) for p in info.value.problems]


@pytest.mark.parametrize("written, code", [("[bool]", "PF203"), ("[bool, enum]", "PF203"), ("{bool: 1}", "PF203"),
                                           ("5", "PF203"), ("null", "PF203"), ("yes", "PF211"),
                                           ("boolean", "PF204"), ("''", "PF204")])
def test_a_mistyped_type_is_one_error_at_its_value(tmp_path, written, code):
    problems = _problems(tmp_path, written)
    assert [p[:3] for p in problems] == [(code, 18, 11)]


def test_a_list_of_one_type_says_the_type_meant(tmp_path):
    [(_, _, _, message)] = _problems(tmp_path, "[bool]")
    assert "(did you mean 'bool'?)" in message
