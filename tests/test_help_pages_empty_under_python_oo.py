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


@pytest.fixture(scope="module")
def byte_code(tmp_path_factory) -> str:
    """A folder for the byte code both interpreters write, -OO's apart from the other's: each
    module is compiled once for this file's pages, not again by every process (which it would
    be wherever byte code is not written beside the installed source)."""
    return str(tmp_path_factory.mktemp("pycache"))


def _help(words: list[str], byte_code: str, *flags: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(COLUMNS="100", PYTHONOPTIMIZE="", PYTHONPYCACHEPREFIX=byte_code)
    done = subprocess.run([sys.executable, *flags, "-m", "pathfit.cli.main", *words, "--help"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done
    return done.stdout


@pytest.mark.parametrize("words", _command_lines(), ids=lambda w: " ".join(w) or "pathfit")
def test_a_help_page_under_python_oo_is_the_page_without_it(words, byte_code):
    plain = _help(words, byte_code)
    assert not plain.split("\n\n")[1].startswith("Options:"), plain  # the page has a description to lose
    assert _help(words, byte_code, "-OO") == plain
