"""JSON's error text is given whole, the same in a batch row and a JSON profile: Python's own
ends "... starting at" or "... at", leaving the sentence to the position it printed after it,
which pathfit gives as line and column instead. Regression: `invalid JSON: Unterminated
string starting at`; and a batch row's error at its end was put at column 1 (JSON read the
row with its line break, so the error was on "line 2")."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


@pytest.mark.parametrize("text, col, words", [
    ('{"goal": "spec', 10, "invalid JSON: Unterminated string: the string that starts here has no closing quote"),
    ('{"goal": "spec"', 16, "invalid JSON: Expecting ',' delimiter"),
])
def test_json_error_text_is_whole_and_one_in_a_batch_row_and_a_profile(tmp_path, text, col, words):
    (tmp_path / "in.jsonl").write_text(text + "\n")
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "--out", str(out), "--rules", TINY, "--quiet"])
    error = json.loads(out.read_text())["error"]
    assert (error["code"], error["line"], error["col"], error["message"]) == ("PF102", 1, col, words)
    (tmp_path / "p.json").write_text(text)
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(tmp_path / "p.json"), "--rules", TINY])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'p.json'}:1:{col}: PF102: {words}\n"


def test_a_line_break_inside_a_string_of_a_json_profile_is_named_so(tmp_path):
    """Python's words: "Invalid control character at", at the line break."""
    (tmp_path / "p.json").write_text('{"goal": "spec\n')
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(tmp_path / "p.json"), "--rules", TINY])
    assert result.stderr == (f"{tmp_path / 'p.json'}:1:15: PF102: invalid JSON: Unterminated string: the line "
                             "ends inside it, with no closing quote\n")
