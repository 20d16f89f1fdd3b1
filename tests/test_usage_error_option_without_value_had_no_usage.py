"""An option given no value (`recommend --format`) or a flag given one (`--debug=1`) is PF600
followed by the command's usage and hint, as every other usage error: click reads these before
the command's context is attached to the error, and the usage and hint were left out."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

CASES = [
    (["recommend", "--format"], "--format", "Usage: pathfit recommend [OPTIONS]"),
    (["audit", "show", "log.jsonl", "--id"], "--id", "Usage: pathfit audit show [OPTIONS] LOG"),
    (["--debug=1", "rules"], "--debug", "Usage: pathfit [OPTIONS] COMMAND [ARGS]..."),
]


@pytest.mark.parametrize("args, where, usage", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_an_option_misread_for_its_value_is_followed_by_the_usage(args, where, usage):
    result = CliRunner().invoke(cli, args, prog_name="pathfit")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    command = usage.split(" [")[0].removeprefix("Usage: ")
    assert lines[0].startswith(f"{where}:0:0: PF600: "), result.stderr
    assert lines[1:] == [usage, f"Try '{command} --help' for help."], result.stderr
