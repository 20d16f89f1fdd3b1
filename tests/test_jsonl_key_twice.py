"""A JSON Lines row writing one of its keys twice is a PF105 row error at the key written
again, as a key written twice is in a YAML or JSON profile and a column named twice in a
CSV header; `pathfit batch` and `pathfit impact` read rows alike, so both say so."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

GOOD = '{"id": "fine", "goal_clarity": "specific"}\n'

CASES = [  # (what, row, id, expected (col, code)) the row comes second, on line 2
    ("a fact's key, at the second", '{"id": "a", "goal_clarity": "specific", "goal_clarity": "vague"}', "a", (41, "PF105")),
    ("the same value twice", '{"goal_clarity": "specific", "goal_clarity": "specific"}', None, (30, "PF105")),
    ("three times, at the second", '{"needs": [], "needs": [], "needs": []}', None, (15, "PF105")),
    ("the first key written again, not the first key written",
     '{"needs": [], "goal_clarity": "specific", "goal_clarity": "emerging", "needs": []}', None, (43, "PF105")),
    ("`id` twice: no id kept", '{"id": "a", "id": "b"}', None, (13, "PF105")),
    ("one key written with an escape", '{"goal_clarity": "specific", "goal\\u005fclarity": "emerging"}', None,
     (30, "PF105")),
    ("characters, not bytes, counted", '{"subject": "Zoë Ærø", "hours_per_month": 4, "hours_per_month": 5}', None,
     (46, "PF105")),
    ("blanks anywhere JSON allows them", '{ "id" : "b" ,\t"x" : 1 ,\t"x" : 2 }', "b", (26, "PF105")),
    # inside a value no fact takes (an object): that value is refused, at the value
    ("a key twice inside a value", '{"id": "n", "needs": [{"x": 1, "x": 2}]}', "n", (22, "PF403")),
]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("what, row, the_id, expected", CASES, ids=[c[0] for c in CASES])
def test_a_key_written_twice_in_a_jsonl_row_is_pf105_at_the_repeat(tmp_path: Path, what, row, the_id, expected, jobs):
    """Regression: such a row was PF102 "invalid JSON" at the row's start (`2:1`), and lost its id."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(GOOD + row + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(src), "--out", str(out), "--jobs", jobs])
    assert result.exit_code == 1, result.output  # a row error in a run that completed
    fine, bad = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert fine["error"] is None and fine["outcome"]
    col, code = expected
    assert (bad["id"], [(e["line"], e["col"], e["code"]) for e in bad["errors"]]) == (the_id, [(2, col, code)])
    assert f"  {src}:2:{col}: {code}: " in result.stderr


def test_impact_locates_a_key_written_twice_as_batch_does(tmp_path: Path):
    """`pathfit impact` reads its corpus's rows as `batch` does: the same code at the same place."""
    rules = tiny_copy(tmp_path / "old")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"needs": ["network"]}\n{"id": "x", "needs": ["network"], "needs": []}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["impact", "--base", str(rules), "--rules", str(rules), "--profiles", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{corpus}:2:35: PF105: "), result.stderr
