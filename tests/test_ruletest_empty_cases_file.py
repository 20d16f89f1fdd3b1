"""A rule test file with `cases: []` beside files that hold cases was accepted silently,
though an empty `cases` is listed under PF805: it is now PF805 at that file's `cases`, with
the other files' problems, and nothing runs (exit 2). Where no file holds a case, the one
PF805 naming every path searched is unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring import rule_tests as ruletest
from pathfit.engine.errors import Pos

from .helpers import tiny_copy

ONE_CASE = "cases:\n  - name: a\n    profile: {}\n    expect: {outcome: undetermined}\n"


@pytest.mark.parametrize("empty", ["cases: []\n", "description: later\ncases: [ ]\n"])
def test_an_empty_cases_beside_a_file_with_cases_is_pf805_at_its_cases(tmp_path: Path, empty: str):
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "a.yaml").write_text(ONE_CASE)
    (rules / "tests" / "b.yaml").write_text(empty)
    line = empty.count("\n")
    with Engine.load(rules) as engine, pytest.raises(PathfitError) as info:
        ruletest.load_cases(ruletest.case_files(rules, []), engine)
    assert [(p.code, p.pos) for p in info.value.problems] == \
        [("PF805", Pos(str(rules / "tests" / "b.yaml"), line, 8))]
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{rules}/tests/b.yaml:{line}:8: PF805: ")


def test_a_file_of_cases_alone_still_runs(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "a.yaml").write_text(ONE_CASE)
    assert CliRunner().invoke(cli, ["test", "--rules", str(rules)]).exit_code == 0


def test_every_empty_cases_beside_a_file_with_cases_is_its_own_pf805(tmp_path: Path):
    """Two files with `cases: []`: each is PF805 at its own `cases`, not the first alone."""
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "a.yaml").write_text(ONE_CASE)
    (rules / "tests" / "b.yaml").write_text("cases: []\n")
    (rules / "tests" / "c.yaml").write_text("description: later\ncases: []\n")
    with Engine.load(rules) as engine, pytest.raises(PathfitError) as info:
        ruletest.load_cases(ruletest.case_files(rules, []), engine)
    assert sorted((p.code, p.pos) for p in info.value.problems) == [
        ("PF805", Pos(str(rules / "tests" / "b.yaml"), 1, 8)), ("PF805", Pos(str(rules / "tests" / "c.yaml"), 2, 8))]
