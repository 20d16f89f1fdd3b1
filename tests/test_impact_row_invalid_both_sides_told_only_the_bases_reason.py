"""`impact` on a row invalid under both rule sets: the run stops on it as bad input. Where both
versions refuse it alike (the same code at the same place) it is said once; where they refuse it
for different reasons (the base has no fact `secret`, the new one has it and refuses its value),
only the base's reason was said, `unknown fact 'secret'`, which the new rule set contradicts. Each
side's reason is now said, naming its side."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring.impact import compare

from .helpers import tiny_with_and_without_secret


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """(without `secret`, with it)."""
    with_it, without = tiny_with_and_without_secret(tmp_path)
    return without, with_it


def test_a_row_both_versions_refuse_differently_names_each_sides_reason(versions, tmp_path):
    base, new = versions
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s", "needs": ["basics"], "secret": "maybe"}\n')
    with Engine.load(base) as before, Engine.load(new) as after, pytest.raises(PathfitError) as err:
        compare(before, after, corpus)
    problems = err.value.problems
    assert sorted(p.code for p in problems) == ["PF401", "PF402"]
    assert {p.pos.line for p in problems} == {1}
    assert "base" in next(p for p in problems if p.code == "PF401").message
    assert "new" in next(p for p in problems if p.code == "PF402").message
    result = CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    said = [line for line in result.stderr.splitlines() if ": PF4" in line]
    assert len(said) == 2, result.stderr


@pytest.mark.parametrize("same", [True, False])
def test_a_row_both_versions_refuse_alike_is_said_once(versions, tmp_path, same):
    base, new = versions
    if same:
        base = new
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s", "needs": ["basics"], "bogus": 1}\n')
    result = CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus)])
    assert result.exit_code == 2
    said = [line for line in result.stderr.splitlines() if ": PF401" in line]
    assert len(said) == 1 and said[0].startswith(f"{corpus}:1:"), result.stderr
    with Engine.load(base) as before, Engine.load(new) as after, pytest.raises(PathfitError) as err:
        compare(before, after, corpus)
    assert [(p.code, p.pos.line) for p in err.value.problems] == [("PF401", 1)]
