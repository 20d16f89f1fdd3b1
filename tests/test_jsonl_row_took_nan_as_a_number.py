"""NaN, Infinity and -Infinity are no JSON: a JSON Lines row holding one is refused where it
is written (PF102 at the token, "invalid JSON"), as a `.json` profile is and as the service
refuses its body (PF905, its code for a body that is not JSON). Regression: a batch row read
them as Python's json reads them, as numbers, and refused `{"hours": NaN}` as a number not
finite (PF404), `{"goal": NaN}` as "not nan" (PF403: a value no one wrote), and `{"id": NaN}`
as an id of the wrong type (PF406), where a `.json` profile and the service said the text is
not JSON. The same text is given to each way in that reads JSON; each case is one row of the
table: the row, the token, and the id the batch keeps (written whole before the fault)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

TINY = str(Path(__file__).parent / "fixtures" / "tiny")

CASES = [  # (the object, the token refused, the row id a batch keeps)
    ('{"id": "a", "hours": NaN}', "NaN", "a"),
    ('{"id": "b", "hours": Infinity}', "Infinity", "b"),
    ('{"id": "c", "hours": -Infinity}', "-Infinity", "c"),
    ('{"id": "d", "goal": NaN}', "NaN", "d"),
    ('{"id": "e", "needs": ["skill", NaN]}', "NaN", "e"),
    ('{"id": "f", "ready": Infinity}', "Infinity", "f"),
    ('{"id": NaN, "goal": "specific"}', "NaN", None),
    ('{"goal": "specific", "hours": NaN, "id": "h"}', "NaN", None),  # the id comes after the fault
    ('{"id": "i", "goal": "specific", "goal": "emerging", "hours": NaN}', "NaN", "i"),
]


def _invoke(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, list(args))


@pytest.mark.parametrize("text,token,row_id", CASES)
def test_a_json_lines_row_refuses_nan_and_infinity_as_a_json_profile_does(tmp_path, text, token, row_id):
    col = text.index(token) + 1
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "before", "goal": "specific"}\n' + text + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = _invoke("batch", "--rules", TINY, str(source), "--out", str(out), "--jobs", "1", "--quiet")
    assert done.exit_code == 1, done.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["error"] is None
    got = rows[1]
    assert [[e["code"], e["line"], e["col"]] for e in got["errors"]] == [["PF102", 2, col]], got
    assert got["id"] == row_id
    assert got["error"]["message"] == f"invalid JSON: {token} is not a JSON number"


@pytest.mark.parametrize("text,token,row_id", CASES)
def test_the_json_profile_says_the_same_at_the_same_token(tmp_path, text, token, row_id):
    """The profile: the same object without its `id` (no fact of a profile), the same code and words."""
    if row_id is not None:
        text = text.replace(f'"id": "{row_id}", ', "")
    elif '"id": NaN' in text:
        text = text.replace('"id": NaN, ', '"goal": NaN, ')
    text = text.replace(', "id": "h"', "")
    profile = tmp_path / "p.json"
    profile.write_text(text, encoding="utf-8")
    done = _invoke("recommend", "--rules", TINY, "--profile", str(profile))
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"{profile}:1:{text.index(token) + 1}: PF102: invalid JSON: {token} is not a "
                                  "JSON number\n"), done.stderr
