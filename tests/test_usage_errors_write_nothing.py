"""A command line that cannot be read as options is PF600, located at what was misread, as
README's "Bad input" says: `where:0:0: PF600: message` first, then click's usage and its hint to
ask for help, exit status 2, a did-you-mean for a misspelt option or subcommand, and nothing
written, the command never run. Before, it was click's `Error: ...` with no code a script could
match."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

CASES = [  # the command line, where PF600 is, what its message says, the usage line
    (["batch", "{rows}", "--out", "{out}", "--jobs", "0"], "--jobs", "Invalid value for '--jobs'",
     "Usage: pathfit batch [OPTIONS] INPUT"),
    (["recommend", "--format", "xml", "--record", "{out}"], "--format", "Invalid value for '--format'",
     "Usage: pathfit recommend [OPTIONS]"),
    (["recommend", "--recrod", "{out}"], "--recrod", "Did you mean '--record'?", "Usage: pathfit recommend [OPTIONS]"),
    (["docs", "--out", "{out}", "--kb-lnk", "x"], "--kb-lnk", "Did you mean '--kb-link'?", "Usage: pathfit docs [OPTIONS]"),
    (["test", "--min-coverage", "abc", "--format", "json"], "--min-coverage", "Invalid value for '--min-coverage'",
     "Usage: pathfit test [OPTIONS] [PATHS]..."),
    (["batch", "{rows}"], "--out", "Missing option '--out'", "Usage: pathfit batch [OPTIONS] INPUT"),
    (["batch", "--out", "{out}"], "INPUT", "Missing argument 'INPUT'", "Usage: pathfit batch [OPTIONS] INPUT"),
    (["recommend", "--record", "{out}", "extra"], "pathfit recommend", "unexpected extra argument (extra)",
     "Usage: pathfit recommend [OPTIONS]"),
    (["recomend", "--record", "{out}"], "pathfit", "No such command 'recomend'", "Usage: pathfit [OPTIONS] COMMAND [ARGS]..."),
    (["audit", "verfy", "{rows}"], "pathfit audit", "Did you mean 'verify'?",
     "Usage: pathfit audit [OPTIONS] COMMAND [ARGS]..."),
    (["lint", "--explain", "PF0000"], "--explain", "'PF0000' is not a pathfit error code",
     "Usage: pathfit lint [OPTIONS] [DIRECTORY]"),
]


@pytest.mark.parametrize("args, where, said, usage", CASES, ids=[" ".join(c[0][:2]) for c in CASES])
def test_a_usage_error_is_pf600_at_its_place_exit_2_and_writes_nothing(tmp_path, args, where, said, usage):
    rows, out = tmp_path / "rows.jsonl", tmp_path / "out.file"
    rows.write_text('{"id": "a"}\n')
    result = CliRunner().invoke(cli, [a.format(rows=rows, out=out) for a in args], prog_name="pathfit")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{where}:0:0: PF600: ") and said in lines[0], result.stderr
    command = usage.split(" [")[0].removeprefix("Usage: ")
    assert lines[1:] == [usage, f"Try '{command} --help' for help."], result.stderr
    assert result.stdout == "" and not out.exists()


def test_the_console_script_says_a_usage_error_as_the_command_does(tmp_path):
    """`pathfit` itself (cli/main.py's own handling, not click's standalone one) prints the same."""
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "recommend", "--profle", "x.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == "", done
    assert done.stderr.splitlines() == [
        "--profle:0:0: PF600: No such option '--profle'. (Did you mean one of: '--profile', '--rules'?)",
        "Usage: pathfit recommend [OPTIONS]", "Try 'pathfit recommend --help' for help."], done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_usage_error_shows_the_control_characters_typed_as_escapes(tmp_path):
    """An extra argument is quoted as typed: a terminal control sequence in it is escaped, never sent."""
    result = CliRunner().invoke(cli, ["rules", "list", "a\x1b]0;owned\x07"], prog_name="pathfit")
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("pathfit rules list:0:0: PF600: ") and "\x1b" not in result.stderr, result.stderr
    assert "a\\u001b]0;owned\\u0007" in first, first
