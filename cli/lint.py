"""`pathfit lint`: every problem in a rule set, sorted by location, one per line."""
from __future__ import annotations

import json

import click

from pathfit.engine.errors import PathfitError

from .authoring import format_problem, plural, rules_dir
from .common import echo, fail_with, rules_option


@click.command()
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: `file:line:col: code: message` lines; json: one object with every problem.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings as well as errors.")
def lint(rules: str | None, fmt: str, strict: bool) -> None:
    """Check a rule set: validation, rules that can never fire, unused facts and
    sections, duplicate rules, YAML 1.1 surprises, durable-rules capacity.

    Exit status: 0 clean (or warnings only), 1 errors (or warnings with --strict),
    2 when the directory cannot be used at all. Codes are listed in docs/authoring.md.

    \b
    Examples:
      pathfit lint
      pathfit lint --rules my-rules/ --strict
      pathfit lint --rules my-rules/ --format json
    """
    from pathfit.engine.authoring.lint.run import lint as run_lint

    try:
        report = run_lint(rules_dir(rules))
    except PathfitError as err:
        fail_with(err)
    if fmt == "json":
        echo(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        for problem in report.problems:
            echo(format_problem(problem))
        echo(f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}", err=True)
        if report.skipped:
            echo("Not checked until the errors are fixed:", err=True)
            for check in report.skipped:
                echo(f"  - {check}", err=True)
    raise SystemExit(1 if report.errors or (strict and report.warnings) else 0)
