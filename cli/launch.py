"""The `pathfit` console script: pause the garbage collector, then run the command.

A one-shot command (recommend, explain, rules; or none: --version, --help) loads
one rule set, decides for one person and ends. On the way it imports click,
PyYAML and the engine and unpickles the rule set, tens of thousands of objects
and almost no cycles; each of the thirty or so collections this triggers walks
everything alive so far, about 4 ms of a `recommend`. With the collector paused
they never run, and the garbage a single decision leaves is bounded. The pause
must come before those imports, so this module imports nothing of pathfit's but
the command line's own package (whose `__init__` files import nothing heavy).
Long-running commands (batch, serve, interview, ...) keep the collector (batch and serve set
what they loaded apart from it for their run: engine/long_lived.py).
"""
from __future__ import annotations

import gc
import sys

ONE_SHOT = frozenset({"recommend", "explain", "rules"})


def command_named(args: list[str]) -> str | None:
    """The command on a `pathfit` command line. The group's own options (--debug,
    --version, --help) take no value, so it is the first argument not an option."""
    return next((a for a in args if not a.startswith("-")), None)


def main() -> None:
    """Entry point of the console script (pyproject.toml); pathfit.cli.main.main does the rest.
    The collector is not resumed: that ends the process (os._exit) once the output is flushed."""
    if command_named(sys.argv[1:]) in ONE_SHOT | {None}:
        gc.disable()
    from .main import main as run_command

    run_command()
