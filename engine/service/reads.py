"""Requests that record nothing (a report, the schema): run on two threads of their own beside
the evaluations, at most as many waiting or running at once as evaluations may be (`--queue`).

Why a bound of their own: a report cut off is dropped, but until its caller's time runs out it
holds its place in the queue, and a flood of report requests on a large log would otherwise
pile up there without limit. One more is refused before it is queued (QueueFull), as an
evaluation is; a place is given back when the job ends, is cancelled, or stops early.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from .core import QueueFull

THREADS = 2


class Reads:
    """The read threads, with at most `limit` jobs waiting or running."""

    def __init__(self, limit: int):
        if limit < 1:
            raise ValueError(f"limit is at least 1, not {limit}")
        self.limit = limit
        self._pool = ThreadPoolExecutor(THREADS, thread_name_prefix="pathfit-read")
        self._held = 0
        self._lock = threading.Lock()

    @property
    def held(self) -> int:
        """Jobs waiting or running now."""
        return self._held

    def submit(self, fn: Callable, *args) -> Future:
        """fn(*args) queued, or QueueFull at once with `limit` already in (nothing queued)."""
        with self._lock:
            if self._held >= self.limit:
                raise QueueFull(self.limit)
            self._held += 1
        try:
            job = self._pool.submit(fn, *args)
        except BaseException:
            self._give_back(None)
            raise
        job.add_done_callback(self._give_back)  # run to its end, failed, or cancelled before it ran
        return job

    def _give_back(self, _: Future | None) -> None:
        with self._lock:
            self._held -= 1

    def shutdown(self) -> None:
        """Drop the jobs not started; those running end on their own (they record nothing)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
