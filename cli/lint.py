"""`pathfit lint`: every problem in a rule set, sorted by location, one per line."""
from __future__ import annotations

import json
import os

import click

from pathlib import Path

from pathfit.engine.errors import PathfitError, Pos, Problem, counted

from .authoring import format_problem
from .common import announce_rules, echo, fail_with, find_rules, rules_option
from .problems import max_errors, unshown
from .test_rules import note_rule_set_here
from .params import Choice, Command, FilePath, refuse_idle
from pathfit.engine.quote import quote


@click.command(cls=Command)
@rules_option
@click.argument("directory", required=False, type=FilePath(file_okay=False, checked=False))
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True,
              help="text: `file:line:col: code: message` lines; json: one object with every problem.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings as well as errors.")
@click.option("--list-checks", is_flag=True, help="Print every check, its codes and severities (text), and exit.")
@click.option("--explain", "explain", metavar="CODE", help="Print what one code means and which check reports it.")
def lint(rules: str | None, directory: str | None, fmt: str, strict: bool, list_checks: bool, explain: str | None) -> None:
    """Check a rule set: validation, rules that can never fire, unused facts and
    sections, duplicate and redundant rules, YAML 1.1 surprises, durable-rules capacity.

    DIRECTORY, when given, is the rule set (as --rules; give one of them).
    Exit status: 0 clean (or warnings only), 1 errors (or warnings with --strict),
    2 when the directory cannot be used at all. --list-checks prints every check
    with its codes (the registry lint runs, so it is never out of date);
    --explain CODE prints one code. Codes are also in docs/authoring.md, in pathfit's source.

    \b
    Examples:
      pathfit lint
      pathfit lint --rules my-rules/ --strict
      pathfit lint my-rules/ --strict
      pathfit lint --rules my-rules/ --format json
      pathfit lint --list-checks
      pathfit lint --explain PF713
    """
    refuse_idle((list_checks and explain is not None, "--explain", "give --list-checks or --explain, not both"),
                ((list_checks or explain is not None) and fmt == "json", "--format",
                 "--format json applies to a lint run: --list-checks and --explain print text"))
    if list_checks or explain is not None:  # an empty code is an unknown one, not none asked for
        _print_registry(explain)
        return
    from pathfit.engine.authoring.lint.run import lint as run_lint

    if rules is not None and directory is not None and rules != directory:
        raise click.UsageError("give the rule set once: as DIRECTORY or as --rules")
    if directory is not None and os.path.lexists(directory) and not os.path.isdir(directory):
        # DIRECTORY is taken as given (FilePath checked=False), so its kind is said here, located
        fail_with(PathfitError([Problem("PF216", "not a directory: give the rule set's directory", Pos(directory))]))
    chosen, bundled = find_rules(rules or directory)
    here = None if rules or directory else note_rule_set_here(bundled, "lint")
    if here:  # before the run, as `pathfit test` says it: the folder's rules are not these
        echo(here, err=True)
    try:
        report = run_lint(Path(chosen))
    except PathfitError as err:
        fail_with(err)
    if fmt == "text":
        announce_rules(chosen, bundled)
    if fmt == "json":
        echo(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        limit = max_errors()  # every one in --format json
        for problem in report.problems[:limit or None]:
            echo(format_problem(problem))
        if limit and len(report.problems) > limit:  # the count of those not shown is status, as the totals are
            echo(unshown(report.problems[limit:]), err=True)
        echo(f"{counted(len(report.errors), 'error')}, {counted(len(report.warnings), 'warning')}", err=True)
        if report.skipped:
            echo("Not checked until the errors are fixed:", err=True)
            for check in report.skipped:
                echo(f"  - {check}", err=True)
    raise SystemExit(1 if report.errors or (strict and report.warnings) else 0)


def _print_registry(code: str | None) -> None:
    """The registry as text (exit 0), or one code; an unknown code is a usage error (exit 2)."""
    from pathfit.engine.authoring.lint.registry import CHECKS, describe, explain

    if code is None:
        for line in describe(CHECKS):
            echo(line)
        return
    lines = explain(code.strip().upper())
    if not lines:
        raise click.BadParameter(f"{quote(code)} is not a pathfit error code{_near_codes(code)}", param_hint="--explain")
    for line in lines:
        echo(line)


def _near_codes(code: str) -> str:
    """The hint for a code not known: the codes that begin as it begins, by its longest beginning
    that some code has (`PF71`: PF710-PF717; `PF7011`: PF701), at least `PFn` long."""
    from pathfit.engine.errors import CODES

    typed = code.strip().upper()
    for end in range(len(typed), 2, -1):
        near = sorted(c for c in CODES if c.startswith(typed[:end]))
        if near:
            more = ", ..." if len(near) > 5 else ""
            return f" (did you mean {', '.join(map(quote, near[:5]))}{more}?)"
    return ""
