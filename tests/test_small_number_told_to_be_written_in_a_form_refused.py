"""A number not written as a plain decimal (PF211) is told how to write it, and that form must be
one pathfit takes. A small one whose full form runs long (`min: 0.000_..._01`, 1e-29) was told
"write 1e-29", itself refused (PF211: text to YAML 1.1, "write 1.0e-29"), as 0.000_01's
"write 1e-05" was. Now the short form is written as YAML 1.1 reads it too: a point in the
mantissa and a signed exponent (1.0e-29). The form told is put back in the file and loads."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import HERE

SMALL = "0." + "000_" * 8 + "000_01"  # 1e-29 with '_': its full form, 0.000...01, runs to 31 characters


def _problems(rules: Path) -> list:
    try:
        Engine.load(rules).close()
    except PathfitError as exc:
        return exc.problems
    return []


@pytest.mark.parametrize("file,old,template,at", [
    ("schema.yaml", "    min: 0\n", "    min: {}\n", (10, 10)),
    ("rules.yaml", "{fact: hours, gte: 4}", "{{fact: hours, gte: {}}}", (5, 69)),
])
@pytest.mark.parametrize("written", [SMALL, SMALL.replace("_01", "_012_3")])
def test_the_form_told_is_taken(tmp_path: Path, file: str, old: str, template: str, at: tuple, written: str):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    edited = rules / file
    original = edited.read_text()
    edited.write_text(original.replace(old, template.format(written), 1))
    [problem] = _problems(rules)
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF211", *at), problem
    told = re.search(r"; write (\S+)$", problem.message).group(1)
    edited.write_text(original.replace(old, template.format(told), 1))
    assert [(p.code, p.pos.line, p.pos.col, p.message) for p in _problems(rules)] == []
