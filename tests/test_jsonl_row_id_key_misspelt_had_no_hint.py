"""Regression: a JSON Lines row whose id key was written `ID` (or `Id`) was PF401 "unknown fact
'ID'" with no hint, where a CSV header's `ID` column is told "did you mean 'id'?": `id` was no
choice of the profile check's hint, and a name differing only in case is too short for the
near-miss search to find. Now the row's key is told `id` (and a fact's name differing only in
case is told that name), at the key, in `batch` and `impact` alike; a profile file, which has
no id, is never told `id`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

ROWS = [  # (row, the key's column, the name hinted)
    ('{"ID": "a1", "goal_clarity": "specific"}', 2, "id"),
    ('{"goal_clarity": "specific", "Id": "a2"}', 30, "id"),
    ('{"iD": "a3"}', 2, "id"),
    ('{"HOURS_PER_MONTH": 4}', 2, "hours_per_month"),
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_jsonl_rows_id_key_in_another_case_is_told_id_at_the_key(tmp_path: Path, jobs):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(row + "\n" for row, _, _ in ROWS), encoding="utf-8")
    done = CliRunner().invoke(cli, ["batch", str(src), "--out", str(out), "--jobs", jobs, "--quiet"])
    assert done.exit_code == 1, done.output
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for (row, col, hinted), result in zip(ROWS, results, strict=True):
        assert [(e["code"], e["line"], e["col"]) for e in result["errors"]] == [("PF401", result["row"], col)], row
        assert result["errors"][0]["message"].endswith(f"(did you mean '{hinted}'?)"), result


def test_impact_tells_a_rows_id_key_in_another_case_id(tmp_path: Path):
    from pathfit.engine.pipeline.bundled import bundled_rules_dir

    src = tmp_path / "in.jsonl"
    src.write_text('{"ID": "a1", "goal_clarity": "specific"}\n', encoding="utf-8")
    done = CliRunner().invoke(cli, ["impact", "--base", str(bundled_rules_dir()), "--profiles", str(src)])
    assert done.exit_code == 2
    assert f"{src}:1:2: PF401: unknown fact 'ID' (did you mean 'id'?)\n" in done.output, done.output


def test_a_profile_file_is_never_told_id(tmp_path: Path):
    profile = tmp_path / "person.json"
    profile.write_text('{"ID": "a1", "goal_clarity": "specific"}', encoding="utf-8")
    done = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert done.exit_code == 2
    assert f"{profile}:1:2: PF401: unknown fact 'ID'\n" in done.output, done.output
