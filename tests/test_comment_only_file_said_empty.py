"""A profile (or schema) holding only a YAML comment was refused as "PF109: file is empty",
which is not true of that file and sends its author looking for a file truncated or not
saved. The code and place stay (PF109 at 1:1); the words now say what the file holds."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("text, words", [
    ("# the facts go here\n", "nothing but comments"),
    ("\n  \n", "nothing but white space"),
    ("", "file is empty"),
])
def test_the_message_says_what_the_file_holds(tmp_path: Path, text: str, words: str):
    profile = tmp_path / "p.yaml"
    profile.write_text(text)
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{profile}:1:1: PF109: "), first
    assert words in first, first
    if text:
        assert "empty" not in first, first
