"""The progress bar of `pathfit batch`: shown only when stderr is a terminal, the one part
of the command that draws, so kept apart from the run it reports on (rich is imported only
when it is shown).

Its total is the number of rows the run will decide, counted by the run's own reader
(`rows_to_decide`), not by counting newlines: a JSON Lines file has no header, a blank
line is no row, a CSV cell may hold a line break, and a last line may lack its newline,
so a count of newlines was a total the run never reached or passed."""
from __future__ import annotations

import os
import stat
import time

from pathfit.engine import PathfitError
from pathfit.engine.cohort.rows import read_rows


class ProgressBar:
    """A rich progress bar on stderr: rows, rate, time left (imported only on a terminal).

    Drawn only from this process, when rows arrive, never by rich's refresh
    thread: batch workers are forked, and a fork taken while another thread
    holds a lock (the console's, the allocator's) leaves the child that lock
    forever held."""

    REDRAW_SECONDS = 0.1

    def __init__(self, input_path: str, kind: str = "csv", facts: dict | None = None) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn)

        total = rows_to_decide(input_path, kind, facts or {})
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


def rows_to_decide(path: str, kind: str, facts: dict) -> int | None:
    """How many rows `pathfit batch` will decide from the file `path` (`kind` "csv" or
    "jsonl", `facts` the rule set's, which a CSV header is checked against): one per row the
    run's reader gives, a row in error included, so the count is exact whatever the file
    holds. The rows are read unparsed, as the run reads them (a fraction of a percent of a
    run's time). None, so no total is shown rather than a false one, for anything but a
    regular file (a pipe would be read up by the count, leaving the run nothing) and for
    a file the reader refuses or cannot read (the run stops before any row)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as stream:
            return sum(1 for _ in read_rows(stream, path, kind, facts, parse=False))
    except (OSError, PathfitError):
        return None
