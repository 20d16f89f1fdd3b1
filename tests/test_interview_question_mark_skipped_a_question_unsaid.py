"""`?` and `skip` leave a piped interview's question unknown, as `unknown` does, and `q` and
`exit` quit: the help a person asks for at a question says so.

Regression: nothing said it, so a person typing `?` for help saw the next question come, the
one asked left unknown without a word."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_help_names_the_words_that_also_skip_or_quit(tmp_path):
    result = CliRunner().invoke(cli, ["interview"], input="help\n?\nanswers\nq\n")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())  # as wrapped to any width
    assert "? or skip also leaves the question unknown; q or exit also quits." in said
    # and `?` did what help says: the first question left unknown, then `q` quit
    listed = said.split("The answers so far:")[1].split("To change one")[0]
    assert listed.startswith(" Q1. ") and listed.endswith("? unknown "), listed
