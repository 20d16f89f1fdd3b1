"""Regression: a key that differs from a name only in case (`ID` for a JSON Lines row's `id`,
`Goal_clarity` for a profile's `goal_clarity`) was told "did you mean 'id'?" even where that
name was given beside it, which the row or profile already held. It is now told that the name
it differs from only in case is given too; a name the input already holds is never offered."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli


def _errors(path) -> list[dict]:
    return [json.loads(line)["errors"] for line in path.read_text().splitlines()]


def test_a_row_with_id_and_ID_is_not_asked_whether_it_meant_id(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "a", "ID": "b"}\n{"ID": "c"}\n')
    result = CliRunner().invoke(cli, ["batch", str(rows), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1
    both, alone = _errors(tmp_path / "out.jsonl")
    assert [(e["code"], e["line"], e["col"]) for e in both] == [("PF401", 1, 13)]
    assert "did you mean" not in both[0]["message"] and "'id'" in both[0]["message"]
    assert "given too" in both[0]["message"]
    assert [(e["code"], e["line"], e["col"]) for e in alone] == [("PF401", 2, 2)]
    assert "(did you mean 'id'?)" in alone[0]["message"]  # without `id` beside it the hint holds


def test_a_profile_with_a_fact_written_in_two_cases_is_not_asked_whether_it_meant_the_other(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("goal_clarity: specific\nGoal_clarity: specific\n")
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{profile}:2:1: PF401: ")
    assert "did you mean" not in result.stderr and "given too" in result.stderr
