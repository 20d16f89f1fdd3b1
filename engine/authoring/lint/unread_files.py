"""Lint the rule set's folder for YAML files pathfit never reads.

pathfit reads the rule files `*.yaml` of the rule set's directory and the rule tests
`tests/*.yaml`, by that exact ending. A file saved as `extra.yml` or `Extra.YAML` looks
like one to its author and to every YAML tool, yet its rules are in no decision and its
cases in no test run: without this check lint would pass the set in silence. Hidden files
(`.gitlab-ci.yml`) are other tools' settings, not the author's rules, and are not named.
"""
from __future__ import annotations

import os
from pathlib import Path

from ...errors import Collector, Pos
from ...pipeline.yaml_names import unread_yaml_names
from .check import PARSED, Check, Context
from ..rule_tests import TESTS_DIR
from ...quote import quote


def unread_files(directory: Path, out: Collector) -> None:
    """PF718 at each plain file of `directory` and of its `tests/` named like YAML but not
    `*.yaml`, in name order (lint reports a rule set it cannot read before any check runs)."""
    for folder, read in ((directory, "rule files"), (directory / TESTS_DIR, "rule tests")):
        for name in unread_yaml_names(folder):
            out.add("PF718", f"{quote(name)} is never read: pathfit reads {read} from names ending in `.yaml` "
                             f"exactly; {_what_to_do(folder, name)}", Pos(str(folder / name)), "warning")


def _what_to_do(folder: Path, name: str) -> str:
    """The rename that makes `name` read, unless a file of that name is there already: a
    `coaching.yml` left beside the `coaching.yaml` pathfit reads, renamed as told, would
    replace the rule file read with the one never read."""
    target = name[: name.rfind(".")] + ".yaml"
    if os.path.lexists(folder / target):
        return f"{quote(target)}, which is read, is beside it: move what it holds there, or remove it"
    return f"rename it {quote(target)}"


def _unread_files(ctx: Context, out: Collector) -> None:
    unread_files(Path(ctx.directory), out)


CHECKS = (Check("unread-files", {"PF718": "warning"}, "YAML files in the rule set's folder that pathfit never reads",
                PARSED, _unread_files),)
