"""A command line click cannot read, as pathfit's other bad input: one located line with a code.

click ends such a command line with its usage and `Error: ...`, with no code a script could
match, where every other refusal of pathfit's is `where:0:0: CODE: message`. Here it is PF600
at what was misread (the option as typed or as declared, the argument's metavar, else the
command), then click's usage and its hint to ask for help, so a person still sees how the
command is used. Imported only when a command line is refused.
"""
from __future__ import annotations

import sys

import click

from pathfit.engine.safe_text import escape_controls

CODE = "PF600"


class CodedUsageError(click.UsageError):
    """click's usage error `exc`, said as PF600 at the name it concerns (exit status 2, as click's)."""

    def __init__(self, exc: click.UsageError):
        super().__init__(exc.format_message(), exc.ctx)
        self.where = _where(exc)

    def show(self, file=None) -> None:
        """The located line first, as pathfit's other errors; then click's usage and hint."""
        lines = [f"{self.where}:0:0: {CODE}: {self.message}"]
        ctx = self.ctx
        if ctx is not None:
            lines.append(ctx.get_usage())
            if ctx.command.get_help_option(ctx) is not None:  # click names its longest: --help
                help_name = max(ctx.command.get_help_option_names(ctx), key=len)
                lines.append(f"Try '{ctx.command_path} {help_name}' for help.")
        # the stream itself, in its encoding (cli/streams.py): click's own standard error is
        # UTF-8 with '?' for what UTF-8 cannot hold wherever the locale's encoding is ASCII
        click.echo(escape_controls("\n".join(lines)), file=file or sys.stderr)


# click 8.2 on raises it for a group given no subcommand; 8.1 printed the help and exited itself
_ASKED_FOR_HELP = getattr(click.exceptions, "NoArgsIsHelpError", CodedUsageError)


def coded(exc: click.UsageError) -> click.UsageError:
    """`exc` as PF600; one already coded as it is (a subcommand's, passing through its group).
    A group given no subcommand is asked for its help, not misread: click's help page stays as
    click shows it (exit status 2), never the message of a PF600 line with the usage twice."""
    if isinstance(exc, (CodedUsageError, _ASKED_FOR_HELP)):
        return exc
    return CodedUsageError(exc)


def _where(exc: click.UsageError) -> str:
    """Where the command line went wrong: an unknown or misused option as typed, a parameter by
    its longest option name or its metavar, else the command (an unknown subcommand, an extra
    argument, a refusal the command made itself)."""
    name = getattr(exc, "option_name", None)  # NoSuchOption, BadOptionUsage
    if name:
        return name
    param = getattr(exc, "param", None)  # BadParameter, MissingParameter
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    if param is not None:
        return param.human_readable_name
    hint = getattr(exc, "param_hint", None)
    if isinstance(hint, str) and hint:
        return hint
    if hint:
        return max(hint, key=len)
    return exc.ctx.command_path if exc.ctx is not None else "pathfit"
