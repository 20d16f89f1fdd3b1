"""Regression: under `python -OO` (or PYTHONOPTIMIZE=2), which compiles docstrings away, every
help page lost its description and examples, since click reads a command's help from its
function's docstring: `pathfit recommend --help` was its usage and options alone. Each help
page under -OO is now the page printed without it, byte for byte."""
from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest

from pathfit.cli.main import COMMANDS, cli


def _command_lines() -> list[list[str]]:
    """Every command line that has a help page: the group, each command, each subcommand."""
    lines = [[]]
    for name in sorted(COMMANDS):
        command = cli.get_command(click.Context(cli), name)
        lines.append([name])
        if isinstance(command, click.Group):
            lines.extend([name, sub] for sub in sorted(command.commands))
    return lines


def _help(words: list[str], *flags: str) -> str:
    env = {**os.environ, "COLUMNS": "100", "PYTHONOPTIMIZE": ""}
    done = subprocess.run([sys.executable, *flags, "-m", "pathfit.cli.main", *words, "--help"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done
    return done.stdout


@pytest.mark.parametrize("words", _command_lines(), ids=lambda w: " ".join(w) or "pathfit")
def test_a_help_page_under_python_oo_is_the_page_without_it(words):
    plain = _help(words)
    assert not plain.split("\n\n")[1].startswith("Options:"), plain  # the page has a description to lose
    assert _help(words, "-OO") == plain
