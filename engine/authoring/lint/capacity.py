"""Lint by compiling: a rule set the engine would refuse at load is a lint error.

Runs the compiler itself rather than re-deriving its limits, so lint and the engine
never disagree. The compiler raises its problems (PF301-PF304, and PF210/PF215 for a
condition it cannot expand), which lint records like any other check's.

While other rules have errors it compiles the rules that validate: every limit counts
conditions, rules or actions, which only grow as the broken rules are fixed and join,
so a limit crossed by the valid rules is crossed by the whole set too.
"""
from __future__ import annotations

from pathlib import Path

from ...errors import Collector, PathfitError
from .check import VALID_RULES, Check, Context


def _capacity(ctx: Context, out: Collector) -> None:
    from ...pipeline.compile import compile_ruleset  # heavy: imported only when lint compiles

    compile_ruleset(ctx.ruleset or ctx.subset)


CHECKS = (Check("capacity", {"PF301": "error", "PF302": "error", "PF303": "error", "PF304": "error"},
                "durable-rules capacity limits", VALID_RULES, _capacity),)


def with_compile_problems(directory: str | Path, err: PathfitError) -> PathfitError:
    """`err`, a rule set's refusal at load, with what compiling the rules that validate finds
    (PF210, PF215, PF301-PF304) beside validation's errors, as lint reports them: without it,
    `docs`, `test`, `recommend` and `schema` named a compile-stage error only once every
    validation error was fixed, one more round for the author. Only on the way to refusing."""
    from .run import lint

    try:
        report = lint(directory, CHECKS)
    except PathfitError:  # no rule set to compile (PF216): the refusal says so already
        return err
    added = [p for p in report.errors if p not in err.problems]
    return PathfitError(err.problems + added) if added else err
