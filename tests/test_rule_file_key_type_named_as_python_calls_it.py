"""Regression: a mapping key YAML reads as no text (`~:`, `null:`, `yes:`, `1:`, `1.5:`) was
PF110 with Python's name for what YAML made of it ("YAML reads 'null' as NoneType", "as bool",
"as int"), words a rule author never wrote nor reads anywhere else in pathfit. It is named as
every other message names a value's kind (null, a boolean, a number), still at the key."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.mark.parametrize("key, kind", [("~", "null"), ("null", "null"), ("yes", "a boolean"), ("true", "a boolean"),
                                       ("1", "a number"), ("1.5", "a number")])
def test_a_key_yaml_reads_as_no_text_is_named_in_pathfits_words(tmp_path, key, kind):
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    (rules / "extra.yaml").write_text(f"rules: []\n{key}: x\n")
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    (problem,) = info.value.problems
    assert (problem.code, Path(problem.pos.file).name, problem.pos.line, problem.pos.col) == ("PF110", "extra.yaml", 2, 1)
    assert f" as {kind}; " in problem.message
    assert not re.search(r"\b(NoneType|bool|int|float)\b", problem.message)
