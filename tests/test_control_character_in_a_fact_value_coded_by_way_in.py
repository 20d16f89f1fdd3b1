"""A control character in a fact's value or name (a BEL, an ESC, a bidirectional override) is refused
as a profile file refuses it, written raw or as an escape: PF101, at the value. Given through
`--fact`, `Engine.evaluate` (and so the web service) or a JSON Lines row's `\\u0007` escape it was
PF403 (PF402 for a number or a list), a wrong value for the fact, while the same JSON text in a
`.json` profile was PF101: one mistake, two codes, by the way it came in. A fact's name holding
one was likewise PF401 (an unknown fact), where a profile file's key is PF101."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError

TINY = str(Path(__file__).parent / "fixtures" / "tiny")


@pytest.mark.parametrize("facts", [{"goal": "\x07"}, {"needs": ["skill", "a\x1b[8m"]}, {"hours": "\u202e"},
                                   {"go\x1bal": "specific"}], ids=["choice", "list item", "number", "name"])
def test_engine_evaluate_refuses_it_as_a_profile_does(facts: dict) -> None:
    with pytest.raises(PathfitError) as caught:
        Engine.load(TINY).evaluate(facts)
    assert [p.code for p in caught.value.problems] == ["PF101"]


def test_fact_option_refuses_it_as_a_profile_does(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"goal": "\\u0007"}')
    runs = [CliRunner().invoke(cli, ["recommend", "--rules", TINY, *args]) for args in
            (["--profile", str(profile)], ["--fact", "goal=\x07"], ["--fact", "needs=skill,\x07"],
             ["--fact", "go\x07al=specific"])]
    assert [r.exit_code for r in runs] == [2, 2, 2, 2]
    assert [r.stderr.splitlines()[0].split(": ")[:2] for r in runs] == [
        [f"{profile}:1:10", "PF101"], ["--fact:0:0", "PF101"], ["--fact:0:0", "PF101"], ["--fact:0:0", "PF101"]]


def test_a_json_lines_rows_escape_is_refused_as_a_json_profiles_is(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "a", "goal": "\\u0007"}\n{"id": "b", "goal": "specific", "needs": ["x\\u202ey"]}\n'
                    '{"id": "c", "goal": "specific", "\\u0007": 1}\n')
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", "--rules", TINY, str(rows), "--out", str(out)])
    assert result.exit_code == 1, result.output
    errors = [json.loads(line)["errors"] for line in out.read_text().splitlines()]
    assert [[(e["code"], e["line"], e["col"]) for e in row] for row in errors] == [[("PF101", 1, 21)], [("PF101", 2, 42)],
                                                                                   [("PF101", 3, 33)]]
