"""A group given no subcommand (`pathfit`, `pathfit audit`) shows its help page, as click does:
the usage once, the commands it has, exit status 2. Taken for a usage error, the whole help
page was printed as the message of a `pathfit audit:0:0: PF600: Usage: ...` line, then the
usage a second time and a hint to ask for the help just shown."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("args, usage", [([], "Usage: pathfit [OPTIONS] COMMAND [ARGS]..."),
                                         (["audit"], "Usage: pathfit audit [OPTIONS] COMMAND [ARGS]..."),
                                         (["rules"], "Usage: pathfit rules [OPTIONS] COMMAND [ARGS]...")])
def test_a_group_without_a_subcommand_shows_its_help_once(args, usage):
    result = CliRunner().invoke(cli, args, prog_name="pathfit")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == usage and lines.count(usage) == 1, result.stderr
    assert "PF600" not in result.stderr and "Commands:" in lines and "for help." not in result.stderr


def test_the_console_script_shows_a_group_help_once():
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "audit"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and done.stdout == "", done
    lines = done.stderr.splitlines()
    assert lines[0] == "Usage: pathfit audit [OPTIONS] COMMAND [ARGS]..." and "PF600" not in done.stderr, done.stderr
