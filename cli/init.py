"""`pathfit init DIR`: a new, self-contained rule project to start from."""
from __future__ import annotations

import signal

import click

from pathfit.engine.errors import PathfitError
from pathfit.engine.quote import shown_path

from .common import echo, fail_with
from .interrupts import term_as_interrupt
from .params import Command, FilePath


@click.command(cls=Command)
@click.argument("directory", type=FilePath())
def init(directory: str) -> None:
    """Create DIRECTORY with a small complete rule project: schema.yaml (facts),
    policy.yaml (the decision), rules.yaml, knowledge_base.md (the sources rules
    cite) and tests/cases.yaml. It passes `pathfit lint --strict DIRECTORY` and
    `pathfit test DIRECTORY --min-coverage 100`; docs/rule-language.md, in
    pathfit's source, walks through it. An existing non-empty DIRECTORY is refused (PF629, exit 2).

    \b
    Example:
      pathfit init my-rules && pathfit test my-rules
    """
    from pathfit.engine.authoring.starter import write_project

    previous = term_as_interrupt()  # a supervisor's stop is Ctrl-C's: what the run made is removed
    try:
        written = write_project(directory)
    except PathfitError as err:
        fail_with(err)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for path in written:
        echo(f"wrote {shown_path(path)}", err=True)
