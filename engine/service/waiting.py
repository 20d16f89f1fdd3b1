"""Waiting, on the event loop, for work running on a thread, for at most a time limit.

Why not anyio.to_thread.run_sync(..., abandon_on_cancel=True): a job cut off while it waited
for a thread of anyio's shared pool was never run at all, and one abandoned while running
gave its place back, so the threads grew with the load. Here the work is a
concurrent.futures job already queued on an executor the service owns, and giving up
waiting for it never touches it unless the caller says it may be dropped: then one not yet
started is cancelled, and one running is told to stop (`stop`), since a dropped job left
running would keep its thread from the jobs queued behind it.
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future


async def answer(job: Future, timeout: float | None, drop: bool = False, stop: threading.Event | None = None):
    """`job`'s result (or its exception, raised), or TimeoutError once `timeout` seconds have
    passed. Giving up (the time limit, or this waiter cancelled) leaves the job to run to its
    end, unless `drop`: then a job not yet started is cancelled (work no one will read, such as
    a report, which records nothing), and `stop`, the event a running one watches, is set."""
    loop = asyncio.get_running_loop()
    done = asyncio.Event()

    def wake(_: Future) -> None:
        try:
            loop.call_soon_threadsafe(done.set)
        except RuntimeError:  # the event loop is already closed: no one is left to tell
            pass

    job.add_done_callback(wake)
    try:
        await asyncio.wait_for(done.wait(), timeout)
    except BaseException:  # the time limit, or this request's task cancelled
        if drop:
            job.cancel()
            if stop is not None:
                stop.set()
        raise
    return job.result()
