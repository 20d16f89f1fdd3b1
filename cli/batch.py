"""`pathfit batch`: a whole cohort, one result per row, in input order.

The output file appears whole or not at all: results go to a temporary file
beside it, renamed into place only when every row is done. Ctrl-C or SIGTERM
removes the temporary file and says so.
"""
from __future__ import annotations

import csv
import io
import os
import signal
import sys
from collections import Counter
from pathlib import Path

import click

from engine import PathfitError
from engine.batch import CSV_COLUMNS, run_batch
from engine.errors import Pos, Problem
from engine.rows import read_rows, sniff_kind

from .common import fail_with, load_engine, rules_option



@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, exists=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="Results: .jsonl (default) or .csv.")
@rules_option
@click.option("--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes [default: the number of cores].")
@click.option("--input-format", type=click.Choice(["csv", "jsonl"]), default=None,
              help="Input format [default: by extension; .jsonl/.ndjson/.json are JSON Lines, else CSV].")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary.")
def batch(input_path: str, out_path: str, rules: str | None, jobs: int | None, input_format: str | None,
          quiet: bool) -> None:
    """Evaluate every row of a CSV or JSON Lines cohort.

    A bad row becomes an error result for that row and the run goes on; the exit
    status is 1 if any row failed. CSV: a header of fact names (and optionally
    `id`); empty cells are unknown; sets as `;`- or `,`-separated lists.

    \b
    Examples:
      pathfit batch cohort.csv --out results.jsonl
      pathfit batch cohort.jsonl --out results.csv --jobs 2
    """
    jobs = jobs or os.cpu_count() or 1
    out = Path(out_path)
    kind = sniff_kind(input_path, input_format)
    out_kind = "csv" if out.suffix.lower() == ".csv" else "jsonl"
    engine = load_engine(rules)
    try:
        stream = open(input_path, "rb")
    except OSError as exc:
        fail_with(PathfitError([Problem("PF100", f"cannot read file: {exc.strerror}", Pos(input_path))]))
    if not out.parent.is_dir():
        fail_with(PathfitError([Problem("PF100", "output directory does not exist", Pos(out_path))]))
    tmp = out.with_name(f".{out.name}.partial-{os.getpid()}")
    counts: Counter = Counter()
    errors = 0
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    progress = None if quiet or not sys.stderr.isatty() else _progress(input_path)
    try:
        with stream, open(tmp, "w", encoding="utf-8", newline="") as handle:
            if out_kind == "csv":
                handle.write(render_header())
            rows = read_rows(stream, input_path, kind, engine.ruleset.facts)
            for outcomes, text in run_batch(engine, rows, input_path, jobs, out_kind):
                handle.write(text)
                for outcome in outcomes:
                    if outcome:
                        counts[outcome] += 1
                    else:
                        errors += 1
                if progress:
                    progress.advance(len(outcomes))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except KeyboardInterrupt:
        _discard(tmp)
        click.echo(f"pathfit batch: interrupted; no output written to {out_path}", err=True)
        sys.exit(130)
    except BaseException:
        _discard(tmp)
        raise
    finally:
        if progress:
            progress.stop()
        signal.signal(signal.SIGTERM, previous)
        engine.close()
    if not quiet:
        total = sum(counts.values()) + errors
        parts = ", ".join(f"{o} {n}" for o, n in sorted(counts.items()))
        click.echo(f"{total} rows: {parts or 'no decisions'}; errors {errors}", err=True)
    sys.exit(1 if errors else 0)


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass


def render_header() -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(CSV_COLUMNS)
    return buffer.getvalue()


class _progress:
    """A rich progress bar on stderr: rows, rate, time left (imported only on a terminal)."""

    def __init__(self, input_path: str):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn)

        total = _count_lines(input_path)
        self._bar = Progress(TextColumn("rows"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[rate]}"),
                             TimeRemainingColumn(), transient=True, console=Console(stderr=True))
        self._task = self._bar.add_task("rows", total=total, rate="")
        self._bar.start()
        self._bar.refresh()

    def advance(self, rows: int) -> None:
        self._bar.advance(self._task, rows)
        task = self._bar.tasks[0]
        if task.speed:
            self._bar.update(self._task, rate=f"{task.speed:,.0f}/s")

    def stop(self) -> None:
        self._bar.stop()


def _count_lines(path: str) -> int | None:
    try:
        with open(path, "rb") as f:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1, 0)
    except OSError:
        return None
