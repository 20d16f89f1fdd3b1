"""A profile's `goal_clarity: no` was refused "goal_clarity is one of specific, emerging,
undefined; not false", naming a value the person never typed: YAML 1.1 reads the plain `no`
as false. A rule file's or a rule test's error at such a token names it; a profile's now does
too, at the same place with the same code. A quoted "no", and JSON, which has no such token,
say what was written and get no note."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.load import parse_yaml


def _errors(path: Path) -> list[tuple[str, str, str]]:
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(path)])
    assert result.exit_code == 2, result.output
    return [tuple(line.split(": ", 2)) for line in result.stderr.splitlines()]


def test_a_plain_no_or_on_is_named_where_it_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("goal_clarity: no\ncareer_stage: on\nhours_per_month: 4\n")
    (first, code1, said1), (second, code2, said2) = _errors(profile)
    assert (first, code1, second, code2) == (f"{profile}:1:15", "PF403", f"{profile}:2:15", "PF403")
    assert "'no'" in said1 and "'on'" in said2


def test_inside_an_example_files_facts_block_too(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("description: d\nfacts:\n  goal_clarity: off\n")
    [(where, code, said)] = _errors(profile)
    assert (where, code) == (f"{profile}:3:17", "PF403") and "'off'" in said


@pytest.mark.parametrize("text, name", [('goal_clarity: "no"\n', "p.yaml"), ('{"goal_clarity": false}', "p.json"),
                                        ("goal_clarity: 024\n", "p.yaml")])  # 024: quoted as written already
def test_what_was_written_gets_no_note(tmp_path: Path, text: str, name: str) -> None:
    profile = tmp_path / name
    profile.write_text(text)
    [(where, code, said)] = _errors(profile)
    assert code == "PF403" and "YAML 1.1" not in said


def test_the_engine_says_it_of_a_located_profile_from_python() -> None:
    with Engine.load() as engine, pytest.raises(PathfitError) as raised:
        engine.evaluate(parse_yaml("goal_clarity: n\nneeds: [yes]\n", "mine.yaml"), "mine.yaml")
    assert [(p.code, p.pos.line, p.pos.col) for p in raised.value.problems] == [("PF403", 1, 15), ("PF403", 2, 9)]
    assert "YAML 1.1" in raised.value.problems[1].message
