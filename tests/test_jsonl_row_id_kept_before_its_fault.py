"""A JSON Lines row that cannot be read whole (not JSON, over the row limit, not UTF-8 past some
point) keeps the id written whole before its fault, as a CSV row keeps an id cell read before
its fault: the output and the summary say whose row was refused. Regression: each such row said
"no id" wherever its id was written."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.cohort.lines import MAX_ROW_BYTES

# (a row as written, the id its result must name, or None: no id can be told)
ROWS = [
    (b'{"id": "a1", "goal_clarity": "specific", }', "a1"),  # a trailing comma
    (b'{"id": "a2", "goal_clarity": specific}', "a2"),  # a bare word
    (b'{"goal_clarity": "specific", "id": 17, "needs": [}', "17"),  # the id not first, a whole number
    (b'  {  "id"  :  "a4"  ,"needs": ["network" }', "a4"),  # blanks between the tokens
    (b'{"id": "a\\u00e9", "needs": [}', "a\u00e9"),  # an escape in the id, read as JSON reads it
    (b'{"id": 12', None),  # the fault right after the number: 12 might go on past it
    (b'{"id": "a6"', None),  # nothing after the id's value: not whole before the fault
    (b'{"id": "a7", "id": "a8", oops}', None),  # written twice before the fault: whose row is not told
    (b'{"goal_clarity": "specific", oops, "id": "a9"}', None),  # written after the fault
    (b'{"id": "", x}', ""),  # an empty id, as a row read whole keeps it
    (b'{"id": "' + b"x" * 300 + b'", x}', None),  # over the id's length limit
    (b'{"id": ["a10"], x}', None),  # not text or a whole number
    (b'["a11", oops]', None),  # no object
    (b'{"id": "big", "needs": "' + b"x" * (MAX_ROW_BYTES + 10) + b'"}', "big"),  # over the row limit (PF106)
    (b'{"id": "nu", "needs": "caf\xe9"}', "nu"),  # not UTF-8 after the id (PF101)
    (b'{"needs": "caf\xe9", "id": "nu2"}', None),  # ... before it
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_row_not_read_whole_names_the_id_written_whole_before_its_fault(tmp_path, jobs):
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(row for row, _ in ROWS) + b'\n{"id": "last"}\n')
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "--out", str(out), "--jobs", jobs])
    assert result.exit_code == 1, result.output
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == [the_id for _, the_id in ROWS] + ["last"]
    assert all(r["error"] for r in results[:-1]) and results[-1]["error"] is None
    said = result.stderr.splitlines()
    assert said[1].endswith("(row 1, id a1)") and said[4].endswith("(row 4, id a4)")
    assert said[5].endswith("(row 5, id a\u00e9)")  # stderr names the first five rows' errors
