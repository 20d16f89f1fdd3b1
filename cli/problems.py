"""How problems are printed: sorted by location, `file:line:col: code: message`, and past a
limit summed up in one line.

Apart from cli/common.py so that a command that succeeds (a `recommend`'s start-up, which
has a limit of its own) never loads it: it is imported where something failed.
"""
from __future__ import annotations

import os

from pathfit.engine.errors import PathfitError

from .ascii_number import ascii_number
from .common import echo

MAX_ERRORS_ENV = "PATHFIT_MAX_ERRORS"
MAX_ERRORS = 20


def max_errors() -> int:
    """How many problems a command prints before it sums up the rest: $PATHFIT_MAX_ERRORS, else
    20 (a screenful, as clang's -ferror-limit); 0 prints every one. A value that is not a whole
    number from 0 up hides nothing: where the setting cannot be read, every problem is shown.
    ASCII digits only, blanks around them aside, as every other number pathfit reads
    (ascii_number): int() would take `1_0` for 10, another script's digits (`٣`) for theirs
    and `\u30005` for 5."""
    value = os.environ.get(MAX_ERRORS_ENV)
    if value is None:
        return MAX_ERRORS
    digits = (ascii_number(value) or "").removeprefix("+")
    return int(digits) if digits.isdigit() else 0


def problem_lines(problems: list, line=None) -> list[str]:
    """The lines that say `problems` (sorted by location): the first max_errors() each as
    `line(problem)` (`file:line:col: code: message` by default), then, when some are left,
    one line that says how many of each code and how to see them all. A rule file with
    thousands of bad rules stays readable, its first problem on the first line, and nothing
    is dropped unsaid."""
    line = line or (lambda p: p.format())
    limit = max_errors()
    shown = problems if not limit else problems[:limit]
    lines = [line(p) for p in shown]
    if len(shown) < len(problems):
        lines.append(unshown(problems[len(shown):]))
    return lines


def unshown(rest: list) -> str:
    """The summary of problems not printed: how many, of which codes, and how to see them."""
    from collections import Counter

    codes = ", ".join(f"{code} {n}" for code, n in sorted(Counter(p.code for p in rest).items()))
    noun = "problem" if len(rest) == 1 else "problems"
    return f"... and {len(rest)} more {noun} not shown ({codes}); {MAX_ERRORS_ENV}=0 shows every one"


def say_problems(problems: list) -> None:
    """Print `problems` on stderr as problem_lines gives them."""
    for text in problem_lines(problems):
        echo(text, err=True)


def with_examples_hint(err: PathfitError, path: str) -> PathfitError:
    """PF100 for a help text's example (examples/NAME: a profile, a batch's input, impact's
    corpus) read outside the checkout, saying where the examples pathfit was installed with
    are; any other error as it was."""
    from pathfit.engine.pipeline.bundled import bundled_example  # for this message only
    from pathfit.engine.quote import shown_path  # the folder is where pathfit was installed: any name

    folder = bundled_example(path)
    if folder is None or [p.code for p in err.problems] != ["PF100"]:
        return err
    problem = err.problems[0]
    return PathfitError([problem._replace(message=f"{problem.message}; the examples shipped with pathfit are in "
                                                  f"{shown_path(folder)}")])
