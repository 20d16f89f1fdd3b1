"""The `pathfit` command group and the one place errors become exit status 2."""
from __future__ import annotations

import sys

import click

from engine import __version__
from engine.durable_adapter import DURABLE_VERSION

from .recommend import recommend


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pathfit", message=f"%(prog)s %(version)s (durable-rules {DURABLE_VERSION})")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """pathfit: executive coaching, mentoring, a blend, or something else, and exactly why.

    \b
    Example:
      pathfit recommend --profile examples/new-vp-wants-structure.yaml
    """
    ctx.obj = {"debug": debug}


cli.add_command(recommend)


def main() -> None:
    cli.main(prog_name="pathfit", standalone_mode=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
