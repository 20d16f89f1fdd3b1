"""What the rule-author commands (lint, test, schema, docs, impact) share.

Kept apart from cli/common.py, which serves the HR-facing commands: authors
read paths in problems and want them short, and they read warnings too.
"""
from __future__ import annotations

from pathlib import Path

from pathfit.engine.errors import Problem

from .common import rules_directory


def rules_dir(rules: str | None) -> Path:
    """The rule set common.find_rules picks, as a Path (problems read `rules/x.yaml:3:5`).
    Never announced, so not compared with the bundled set (common.rules_directory)."""
    return Path(rules_directory(rules))


def format_problem(problem: Problem) -> str:
    """`file:line:col: code: message`; a warning's message starts with `warning: `."""
    if problem.severity == "warning":
        problem = problem._replace(message=f"warning: {problem.message}")
    return problem.format()


