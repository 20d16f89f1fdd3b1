"""The `pathfit` command group: one command per module, as OPA's cmd/."""
from __future__ import annotations

import importlib
import io
import os
import sys

import click

from pathfit.engine import __version__

from .params import Group

# command name -> (module, function, one-line help). Commands are imported only
# when run, so `pathfit recommend` does not pay for `batch` or `explain`.
COMMANDS = {
    "recommend": ("pathfit.cli.recommend", "recommend", "Recommend coaching, mentoring, a blend, a referral, or not now."),
    "explain": ("pathfit.cli.explain", "explain", "Explain a recommendation: how, --why-not OUTCOME, --what-if."),
    "interview": ("pathfit.cli.interview", "interview", "Ask only the questions that could still change the advice."),
    "rules": ("pathfit.cli.rules", "rules", "List the rules or show one."),
    "batch": ("pathfit.cli.batch", "batch", "Evaluate every row of a CSV or JSON Lines cohort."),
    "init": ("pathfit.cli.init", "init", "Create a new rule project that lints and tests clean."),
    "lint": ("pathfit.cli.lint", "lint", "Check a rule set: errors, dead rules, unused facts, YAML surprises."),
    "test": ("pathfit.cli.test", "test", "Run the rule tests next to the rules and report rule coverage."),
    "schema": ("pathfit.cli.schema", "schema", "JSON Schemas: for editors, of the YAML files; for scripts, of the JSON output."),
    "docs": ("pathfit.cli.docs", "docs", "Write a Markdown catalogue of the rules with a dependency graph."),
    "impact": ("pathfit.cli.impact", "impact", "Compare two rule-set versions on a corpus of profiles."),
    "audit": ("pathfit.cli.audit", "audit", "Audit logs: verify the hash chain, show records, make a key."),
    "replay": ("pathfit.cli.replay", "replay", "Re-run recorded decisions; say if the rules or engine changed."),
    "report": ("pathfit.cli.report", "report", "Write a decision record as a self-contained HTML page."),
    "serve": ("pathfit.cli.serve", "serve", "Serve a web page for HR staff and a JSON API on this machine."),
}


class LazyGroup(Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in sorted(COMMANDS)])


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click.version_option's callback, step for step; the durable-rules version is read
    only when asked for, since its module loads the C core (and json) on import."""
    if not value or ctx.resilient_parsing:
        return
    from pathfit.engine.pipeline.durable_adapter import DURABLE_VERSION

    # the core is that release's C sources built with pathfit's checked patches (docs/engine.md): not the stock build
    try:
        click.echo(f"pathfit {__version__} (durable-rules {DURABLE_VERSION}'s C core, with pathfit's patches)",
                   file=sys.stdout, color=ctx.color)
    except OSError as exc:
        from .streams import failed

        raise failed(exc) from None
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
@click.option("--debug", is_flag=True, help="Show a Python traceback for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """pathfit: executive coaching, mentoring, a blend, or something else, and exactly why.

    \b
    Examples:
      pathfit recommend --profile examples/new-vp-wants-structure.yaml
      pathfit explain --profile examples/new-vp-wants-structure.yaml --why-not mentoring
      pathfit interview
    Shell completion (bash): eval "$(_PATHFIT_COMPLETE=bash_source pathfit)"
    """
    ctx.obj = {"debug": debug}


def main() -> None:
    """Entry point: unexpected errors become one line and exit 2, unless --debug.

    Then the process ends without the interpreter's teardown (freeing every
    module and object one by one), which costs about 12 ms, a tenth of a
    `recommend`. Safe because every command finishes its own work first:
    files are closed, renamed and fsynced, worker pools joined, the progress
    bar stopped. Only the standard streams are left, and they are flushed here (but for what a
    stop cut short: interrupts.let_go)."""
    _standard_streams()
    _fast_exit(_run("--debug" in sys.argv[1:]))  # with --debug, a traceback ends the process the usual way


def _standard_streams() -> None:
    """The common case at the cost of two calls (and three fcntls): the process's own streams,
    all open, UTF-8 (which encodes every character but a lone surrogate, escaped here: a file
    name's undecodable byte), all blocking. Anything else (a closed descriptor,
    an ASCII or latin-1 locale, a caller's own streams, a descriptor left non-blocking) is
    cli/streams.py's, imported only then: a `recommend`'s start-up pays for no module it does
    not use. Write failures are turned into streams.StdoutFailed where pathfit writes
    (common.echo, the help, the version, the exit's flush)."""
    out, err, inp = sys.stdout, sys.stderr, sys.stdin
    if out is sys.__stdout__ is not None and err is sys.__stderr__ is not None and inp is sys.__stdin__ is not None \
            and _utf8(out.encoding) and _utf8(err.encoding) and _blocking(0) and _blocking(1) \
            and _blocking(2):
        if not hasattr(out.buffer, "raw"):  # unbuffered: `python -u`, PYTHONUNBUFFERED
            out = sys.stdout = sys.__stdout__ = _buffered(out)
        out.reconfigure(errors="backslashreplace")
        inp.reconfigure(errors="surrogateescape")
        return
    from . import streams

    streams.install()


def _buffered(stream: io.TextIOWrapper) -> io.TextIOWrapper:
    """`stream`, unbuffered, over a buffered writer, flushed at every line's end (and by echo),
    as near as that comes to unbuffered. Unbuffered, Python's text layer drops what a write cut
    short by a signal did not write: a listing that holds Ctrl-C until its piece is written lost
    the rest of the piece, mid-line, on a full pipe. A buffered writer writes the rest."""
    encoding = stream.encoding
    return io.TextIOWrapper(io.BufferedWriter(stream.detach()), encoding=encoding, line_buffering=True,
                            write_through=True)


def _blocking(fd: int) -> bool:
    """Whether `fd` waits: one fcntl, no module. A descriptor left non-blocking fails a write
    with EAGAIN where a slow reader lags, and a read says nothing (or the input's end) where a
    writer has not written yet; cli/streams.py's streams wait."""
    try:
        return os.get_blocking(fd)
    except OSError:
        return False


def _utf8(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("_", "-") in ("utf-8", "utf8")


def _run(debug: bool) -> int:
    try:
        if len(sys.argv) == 1 and os.environ.get("_PATHFIT_COMPLETE", "")[:5] == "bash_":  # bash cuts a word at `=` and `:`:
            from .completion_bash import complete  # answered by completion_bash.py, which reads it whole

            return complete(cli, {}, "pathfit", "_PATHFIT_COMPLETE", os.environ["_PATHFIT_COMPLETE"])
        cli.main(prog_name="pathfit", standalone_mode=False)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt):
            return _interrupted()
        click.echo("Aborted.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # where click has not made it an Abort
        return _interrupted()
    except click.ClickException as exc:
        exc.show(sys.stderr)  # in its encoding: click's own is UTF-8 behind an ASCII locale's back
        return 2
    except SystemExit as exc:
        if exc.code in (129, 130):  # stopped: a hang-up, or Ctrl-C and SIGTERM (cli/interrupts.py)
            from .interrupts import let_go

            return let_go(exc.code)
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        click.echo(exc.code, file=sys.stderr)
        return 1
    except Exception as exc:
        from . import streams

        if isinstance(exc, streams.StdoutFailed):  # the environment's doing, not pathfit's: never an internal error
            return streams.stdout_failed(exc)
        if debug:
            raise
        from pathfit.engine.safe_text import escape_controls

        click.echo(escape_controls(f"pathfit: internal error: {type(exc).__name__}: {exc} (run with --debug for "
                                   "details)"), file=sys.stderr)
        return 2
    return 0


def _interrupted() -> int:
    """Ctrl-C in a command with no handling of its own (impact, lint, replay, ...): the status
    a shell expects of a tool Ctrl-C stopped, as batch and interview give, never click's
    "Aborted." with status 1, which pathfit gives rows with errors and logs that do not verify."""
    from .interrupts import INTERRUPTED, let_go

    click.echo("pathfit: interrupted", file=sys.stderr)
    return let_go(INTERRUPTED)


def _fast_exit(code: int) -> None:
    try:
        sys.stdout.flush()
    except ValueError:  # closed (a test calling _fast_exit alone)
        pass
    except Exception as exc:  # StdoutFailed from cli/streams.py's stream, OSError from Python's own
        from . import streams

        code = code or streams.stdout_failed(streams.failed(exc))
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
