"""`pathfit batch`: a whole cohort, one result per row, in input order.

The output file appears whole or not at all: results go to a temporary file
beside it (engine.files.Output), renamed into place only when every row is
done. Ctrl-C or SIGTERM removes the temporary file and says so. An output that
is a link, a device or the input itself is refused before any work.

With --audit-log, records are spooled beside the output while rows run, then
appended to the log in input order under one lock, just before the output is
renamed into place: an output file always has its records in the log, and an
interrupted run adds nothing to the log.
"""
from __future__ import annotations

import csv
import io
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import click

from pathfit.engine import PathfitError
from pathfit.engine.cohort.batch import Audit, csv_columns, run_batch
from pathfit.engine.errors import Pos, Problem
from pathfit.engine.cohort.rows import read_rows, sniff_kind
from pathfit.engine.files import Output, check_target, reason, spool

from .common import echo, fail_with, load_engine, rules_option



@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, exists=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="Results: .jsonl (default) or .csv.")
@rules_option
@click.option("--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes [default: the number of cores].")
@click.option("--input-format", type=click.Choice(["csv", "jsonl"]), default=None,
              help="Input format [default: by extension; .jsonl/.ndjson/.json are JSON Lines, else CSV].")
@click.option("--audit-log", "audit_log", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also append a decision record per decided row to the audit log FILE. See docs/audit.md.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary.")
def batch(input_path: str, out_path: str, rules: str | None, jobs: int | None, input_format: str | None,
          audit_log: str | None, quiet: bool) -> None:
    """Evaluate every row of a CSV or JSON Lines cohort.

    A bad row becomes an error result for that row and the run goes on; the exit
    status is 1 if any row failed. CSV: a header of fact names (and optionally
    `id`); empty cells are unknown; sets as `;`- or `,`-separated lists.

    \b
    Examples:
      pathfit batch cohort.csv --out results.jsonl
      pathfit batch cohort.jsonl --out results.csv --jobs 2
      pathfit batch cohort.csv --out results.jsonl --audit-log audit.jsonl
    """
    jobs = jobs or os.cpu_count() or 1
    out = Path(out_path)
    kind = sniff_kind(input_path, input_format)
    out_kind = "csv" if out.suffix.lower() == ".csv" else "jsonl"
    try:
        check_target(out, inputs=[input_path] + ([audit_log] if audit_log else []), what="--out")
    except PathfitError as err:
        fail_with(err)
    engine = load_engine(rules)
    try:
        stream = open(input_path, "rb")
    except OSError as exc:
        fail_with(PathfitError([Problem("PF100", f"cannot read file: {exc.strerror}", Pos(input_path))]))
    audit = _audit(engine, audit_log, input_path, out) if audit_log else None
    head = None
    counts: Counter = Counter()
    errors = 0
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    progress = None if quiet or not sys.stderr.isatty() else _progress(input_path)
    try:
        with stream, Output(out) as handle, _spool(out, audit) as records:
            if out_kind == "csv":
                handle.write(render_header(audit is not None))
            rows = read_rows(stream, input_path, kind, engine.ruleset.facts)
            for chunk in run_batch(engine, rows, input_path, jobs, out_kind, audit):
                handle.write(chunk.text)
                if records:
                    _spool_write(records, chunk.records, out_path)
                for outcome in chunk.outcomes:
                    if outcome:
                        counts[outcome] += 1
                    else:
                        errors += 1
                if progress:
                    progress.advance(len(chunk.outcomes))
            if records:
                head = _append_spooled(records, audit_log, out_path)
            handle.commit()
    except KeyboardInterrupt:
        echo(f"pathfit batch: interrupted; no output written to {out_path}"
                   + (f" and nothing appended to {audit_log}" if audit_log else ""), err=True)
        sys.exit(130)
    except PathfitError as err:
        fail_with(err)
    except OSError as exc:  # reading the input (writes are located by Output and the spool)
        fail_with(PathfitError([Problem("PF100", f"cannot read file: {reason(exc)}", Pos(input_path))]))
    finally:
        if progress:
            progress.stop()
        signal.signal(signal.SIGTERM, previous)
        engine.close()
    if not quiet:
        total = sum(counts.values()) + errors
        parts = ", ".join(f"{o} {n}" for o, n in sorted(counts.items()))
        echo(f"{total} rows: {parts or 'no decisions'}; errors {errors}", err=True)
        if head:
            echo(f"appended {head[0]} records to {audit_log}; head {head[1]}", err=True)
    sys.exit(1 if errors else 0)


def _audit(engine, audit_log: str, input_path: str, out: Path) -> Audit:
    """Everything that could stop the audit, checked before the first row runs."""
    from pathfit.engine.audit.log import check_appendable
    from pathfit.engine.audit.masking import load_key, sensitive_domains

    if os.path.abspath(audit_log) in (os.path.abspath(out), os.path.abspath(input_path)):
        fail_with(PathfitError([Problem("PF613", "--audit-log names the input or the output file", Pos(audit_log))]))
    try:
        check_target(audit_log, inputs=[input_path], what="--audit-log", code="PF617")
        key = load_key()
        sensitive = sorted(sensitive_domains(engine.ruleset))
        if sensitive and key is None:
            raise PathfitError([Problem("PF610", f"the rule set has sensitive facts ({', '.join(sensitive)}); set "
                                        "PATHFIT_AUDIT_KEY_FILE to an audit key (create one with `pathfit audit "
                                        "keygen FILE`) so they can be masked", Pos("PATHFIT_AUDIT_KEY_FILE"))])
        check_appendable(audit_log)
    except PathfitError as err:
        fail_with(err)
    return Audit(key, Path(input_path).name)


class _spool:
    """The records while rows run, only with an audit log: a scratch file with no
    name (engine.files.spool), so nobody else reads it and no kill leaves it behind."""

    def __init__(self, out: Path, audit: Audit | None):
        self._out, self._on, self._f = out, audit is not None, None

    def __enter__(self):
        if self._on:
            self._f = spool(self._out)
        return self._f

    def __exit__(self, *exc) -> None:
        if self._f:
            try:
                self._f.close()
            except OSError:
                pass


def _spool_write(records, data: bytes, out_path: str) -> None:
    try:
        records.write(data)
    except OSError as exc:
        raise PathfitError([Problem("PF619", f"cannot write the records' scratch file beside it: {reason(exc)}; "
                                    "nothing was written or appended", Pos(out_path))]) from None


def _append_spooled(records, audit_log: str, out_path: str) -> tuple[int, str] | None:
    from pathfit.engine.audit.log import append_lines

    try:
        records.flush()
        records.seek(0)
    except OSError as exc:
        raise PathfitError([Problem("PF619", f"cannot write the records' scratch file beside it: {reason(exc)}; "
                                    "nothing was written or appended", Pos(out_path))]) from None
    count, last = append_lines(audit_log, (line[:-1] for line in records))
    return (count, last["hash"]) if last else None


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def render_header(audited: bool) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_columns(audited))
    return buffer.getvalue()


class _progress:
    """A rich progress bar on stderr: rows, rate, time left (imported only on a terminal).

    Drawn only from this process, when rows arrive, never by rich's refresh
    thread: batch workers are forked, and a fork taken while another thread
    holds a lock (the console's, the allocator's) leaves the child that lock
    forever held."""

    REDRAW_SECONDS = 0.1

    def __init__(self, input_path: str):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn)

        total = _count_lines(input_path)
        self._bar = Progress(TextColumn("rows"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                             transient=True, auto_refresh=False, console=Console(stderr=True))
        self._task = self._bar.add_task("rows", total=total, rate="")
        self._bar.start()
        self._bar.refresh()
        self._drawn = time.monotonic()

    def advance(self, rows: int) -> None:
        self._bar.advance(self._task, rows)
        now = time.monotonic()
        if now - self._drawn >= self.REDRAW_SECONDS:
            task = self._bar.tasks[0]
            if task.speed:
                self._bar.update(self._task, rate=f"{task.speed:,.0f}/s")
            self._bar.refresh()
            self._drawn = now

    def stop(self) -> None:
        self._bar.stop()


def _count_lines(path: str) -> int | None:
    try:
        with open(path, "rb") as f:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1, 0)
    except OSError:
        return None
