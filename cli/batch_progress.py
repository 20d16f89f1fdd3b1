"""The progress bar of `pathfit batch`: shown only when stderr is a terminal, the one part
of the command that draws, so kept apart from the run it reports on (rich is imported only
when it is shown)."""
from __future__ import annotations

import time


class ProgressBar:
    """A rich progress bar on stderr: rows, rate, time left (imported only on a terminal).

    Drawn only from this process, when rows arrive, never by rich's refresh
    thread: batch workers are forked, and a fork taken while another thread
    holds a lock (the console's, the allocator's) leaves the child that lock
    forever held."""

    REDRAW_SECONDS = 0.1

    def __init__(self, input_path: str) -> None:
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
