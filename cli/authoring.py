"""What the rule-author commands (lint, test, schema, docs, impact) share.

Kept apart from cli/common.py, which serves the HR-facing commands: authors
read paths in problems and want them short, and they read warnings too.
"""
from __future__ import annotations

import os
from pathlib import Path

from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.errors import PathfitError, Problem

from .common import fail_with


def rules_dir(rules: str | None) -> Path:
    """The --rules directory, or the bundled rules shown relative to the working
    directory when they are under it (so problems read `rules/x.yaml:3:5`)."""
    if rules is not None:
        return Path(rules)
    try:
        bundled = bundled_rules_dir()
    except PathfitError as err:
        fail_with(err)
    return short_path(Path(bundled))


def short_path(path: Path) -> Path:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return Path(rel) if not rel.startswith("..") else path


def format_problem(problem: Problem) -> str:
    """`file:line:col: code: message`; a warning's message starts with `warning: `."""
    if problem.severity == "warning":
        problem = problem._replace(message=f"warning: {problem.message}")
    return problem.format()


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
