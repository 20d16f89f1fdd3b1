"""A second Ctrl-C (or SIGTERM after Ctrl-C, as a supervisor sends it) while an interrupted
`--jobs` batch was ending its workers was raised between one worker's wait and the next:
the workers not yet waited for were left behind as zombies, or, one that held no work,
running. Now the workers are all ended and waited for first, and the interrupt is raised
after."""
from __future__ import annotations

import os
import signal


import pytest

from .helpers import ROOT, child_processes


def test_an_interrupt_while_the_workers_are_ended_leaves_none_unwaited(tmp_path, monkeypatch):
    from pathfit.engine import Engine
    from pathfit.engine.cohort import batch as cohort
    from pathfit.engine.cohort.rows import read_rows

    real_waitpid = os.waitpid
    waits = []

    def waitpid(pid, options):
        waits.append(pid)
        if len(waits) == 1:  # the second interrupt, as the first worker is waited for
            os.kill(os.getpid(), signal.SIGINT)
        return real_waitpid(pid, options)

    (tmp_path / "in.jsonl").write_bytes((ROOT / "examples" / "corpus.jsonl").read_bytes() * 4)
    engine = Engine.load()
    before = child_processes()
    try:
        with open(tmp_path / "in.jsonl", "rb") as stream:
            rows = read_rows(stream, "in.jsonl", "jsonl", engine.ruleset.facts, parse=False)
            run = cohort.run_batch(engine, rows, "in.jsonl", 3, "jsonl")
            next(run)
            workers = child_processes() - before
            assert len(workers) == 3
            monkeypatch.setattr(os, "waitpid", waitpid)
            with pytest.raises(KeyboardInterrupt):
                run.throw(KeyboardInterrupt)  # the first interrupt
    finally:
        monkeypatch.undo()
        engine.close()
    assert set(waits) == workers
    assert not child_processes() & workers  # every one ended and waited for: none left, not even a zombie
