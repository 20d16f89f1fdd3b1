"""The LOG argument the audit subcommands share."""
from __future__ import annotations

import click
from ..params import FilePath

log_argument = click.argument("log", metavar="LOG", type=FilePath())
