"""The LOG argument the audit subcommands share."""
from __future__ import annotations

import click

log_argument = click.argument("log", metavar="LOG", type=click.Path(dir_okay=False))
