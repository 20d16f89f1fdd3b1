"""Regression: a batch row holding a byte that is not UTF-8 was "row is not valid UTF-8" at
column 1 of the row's first line, where a profile with the same byte is "invalid UTF-8 byte 0xff"
at that byte. Each row is now located at its first bad byte, line and column (characters, as
every column), in the profile's words: a JSON Lines row, a CSV row, and a CSV record whose bad
byte is on a later line of a quoted cell."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

CASES = [
    ("rows.jsonl", b'{"id": "a", "goal_clarity": "specific"}\n{"id": "b", "goal_clarity": "sp\xc3\xa9c\xffific"}\n'),
    ("rows.csv", b"id,goal_clarity\na,specific\nb,sp\xc3\xa9c\xffific\n"),
    ("record.csv", b'id,goal_clarity,needs\na,specific,network\nb,specific,"network\n\xc3\xa9\xff"\n'),
]


def _where(data: bytes) -> tuple[int, int]:
    """Line and column (characters) of the first byte that is not UTF-8, as Python's decoder finds it."""
    with pytest.raises(UnicodeDecodeError) as info:
        data.decode("utf-8")
    at = info.value.start
    start = data.rfind(b"\n", 0, at) + 1
    return data.count(b"\n", 0, at) + 1, len(data[start:at].decode("utf-8")) + 1


@pytest.mark.parametrize("name, data", CASES)
def test_a_row_not_utf8_is_located_at_its_bad_byte_as_a_profile_is(tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(out)])
    assert result.exit_code == 1, result.output
    line, col = _where(data)
    errors = [e for row in map(json.loads, out.read_text().splitlines()) for e in row["errors"]]
    assert [(e["code"], e["line"], e["col"]) for e in errors] == [("PF101", line, col)]
    assert f"{tmp_path / name}:{line}:{col}: PF101: invalid UTF-8 byte 0xff (row 2, id b)" in result.stderr
    profile = tmp_path / "profile.yaml"
    profile.write_bytes(b'goal_clarity: "sp\xc3\xa9c\xffific"\n')
    said = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)]).stderr
    assert ": PF101: invalid UTF-8 byte 0xff" in said, said
