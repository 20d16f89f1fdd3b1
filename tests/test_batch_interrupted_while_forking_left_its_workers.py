"""A `--jobs` batch interrupted (Ctrl-C, SIGTERM) while its workers were being forked: the
interrupt, held off while forking, was raised once the last worker was forked, before the
batch had the workers to stop. They were left running, blocked on work that never came, and
the pipes to them left open in the batch's process. Now every worker forked is ended and
waited for, and no pipe to one stays open, whenever the interrupt comes."""
from __future__ import annotations

import os
import signal


import pytest

from .helpers import ROOT, child_processes, open_pipes


@pytest.mark.parametrize("at_fork", [1, 2, 3])
def test_an_interrupt_while_the_workers_are_forked_leaves_no_worker_and_no_pipe(tmp_path, monkeypatch, at_fork):
    from pathfit.engine import Engine
    from pathfit.engine.cohort import batch as cohort
    from pathfit.engine.cohort.rows import read_rows

    real_fork = os.fork
    forks = []

    def fork():
        forks.append(None)
        if len(forks) == at_fork:  # Ctrl-C as this worker is forked
            os.kill(os.getpid(), signal.SIGINT)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    (tmp_path / "in.jsonl").write_bytes((ROOT / "examples" / "corpus.jsonl").read_bytes() * 2)
    engine = Engine.load()
    before_children, before_pipes = child_processes(), open_pipes()
    try:
        with open(tmp_path / "in.jsonl", "rb") as stream:
            rows = read_rows(stream, "in.jsonl", "jsonl", engine.ruleset.facts, parse=False)
            run = cohort.run_batch(engine, rows, "in.jsonl", 3, "jsonl")
            with pytest.raises(KeyboardInterrupt):
                next(run)
    finally:
        engine.close()
    assert len(forks) == 3  # the interrupt waited until the forking was over
    assert child_processes() == before_children  # every worker ended and waited for, not even a zombie left
    assert open_pipes() == before_pipes
