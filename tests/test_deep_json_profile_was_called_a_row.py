"""A JSON profile nested deeper than pathfit reads was refused as a "row nested deeper
than 64 levels", and, written over several lines, located on its first line at the
bracket's offset in the whole file. It is a profile: the message now says so, at the
line and column of the bracket that goes one level too deep. A JSON Lines row keeps
its own word and place."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.cohort.rows import MAX_DEPTH

from .helpers import ROOT


def _too_deep(line: str) -> int:
    """The column (from 1) of the bracket that opens level MAX_DEPTH + 1 in `line`."""
    depth = 0
    for i, ch in enumerate(line):
        depth += ch in "[{"
        depth -= ch in "]}"
        if depth > MAX_DEPTH:
            return i + 1
    raise AssertionError("not too deep")


def test_a_deep_json_profile_is_refused_as_a_profile_at_its_bracket(tmp_path: Path):
    deep = '    "needs": ' + "[" * 70 + "]" * 70
    text = '{\n  "facts": {\n' + deep + "\n  }\n}\n"
    path = tmp_path / "person.json"
    path.write_text(text)
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(ROOT / "rules"), "--profile", str(path)])
    assert result.exit_code == 2, result.output
    col = _too_deep("{{" + deep) - 2  # the two braces opened on the lines above count
    assert result.output.strip().splitlines()[-1] == \
        f"{path}:3:{col}: PF107: profile nested deeper than {MAX_DEPTH} levels", result.output
    assert "Traceback" not in result.output and "row" not in result.output


def test_a_deep_json_lines_row_is_still_a_row_on_its_line(tmp_path: Path):
    row = '{"id": "r2", "needs": ' + "[" * 70 + "]" * 70 + "}"
    path = tmp_path / "people.jsonl"
    path.write_text('{"id": "r1"}\n' + row + "\n")
    result = CliRunner().invoke(cli, ["batch", "--rules", str(ROOT / "rules"), str(path), "--out", str(tmp_path / "out.jsonl")])
    assert f"{path}:2:{_too_deep(row)}: PF107: row nested deeper than {MAX_DEPTH} levels" in result.output, \
        result.output
