"""A `--jobs` batch whose worker was stopped (SIGSTOP, a debugger) once it had handed back
all it held: the batch did all its rows, then waited for that worker to see its work pipe
end, which a stopped process never does, so the batch hung before writing its output, and
an interrupt then left the worker behind, stopped. Now a batch's workers are all ended when
it ends, a stopped one too."""
from __future__ import annotations

import os
import signal
import time

from .helpers import ROOT, child_processes


class _Hung(Exception):
    pass


def _hung(signum, frame):
    raise _Hung


def test_a_batch_whose_idle_worker_is_stopped_still_ends_leaving_no_worker(tmp_path):
    from pathfit.engine import Engine
    from pathfit.engine.cohort import batch as cohort
    from pathfit.engine.cohort.rows import read_rows

    (tmp_path / "in.jsonl").write_bytes((ROOT / "examples" / "corpus.jsonl").read_bytes() * 2)
    engine = Engine.load()
    before = child_processes()
    workers: set[int] = set()
    alarm = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(20)
    try:
        with open(tmp_path / "in.jsonl", "rb") as stream:
            rows = read_rows(stream, "in.jsonl", "jsonl", engine.ruleset.facts, parse=False)
            run = cohort.run_batch(engine, rows, "in.jsonl", 2, "jsonl")
            chunks = [next(run)]
            workers = child_processes() - before
            assert len(workers) == 2
            for chunk in run:
                chunks.append(chunk)
                if sum(len(c.outcomes) for c in chunks) == 480:  # the last: every worker has handed back all it held
                    for worker in workers:
                        os.kill(worker, signal.SIGSTOP)
                    started = time.monotonic()
            took = time.monotonic() - started
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, alarm)
        left = child_processes() & workers
        for worker in left:  # what a hung batch left, not to outlive the test
            os.kill(worker, signal.SIGKILL)
            os.waitpid(worker, 0)
        engine.close()
    assert took < 5
    assert not left  # every one ended and waited for, the stopped ones too
