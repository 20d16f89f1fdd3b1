"""Regression: an unexpected exception raised in a `batch --jobs N` worker is handed back to the
process that writes the output by pickling it. One whose class takes arguments other than its
message (engine.pipeline.durable_adapter.EngineFault takes a rule name and a cause, as many
exception classes do) pickles, but cannot be made again from what was pickled: the batch ended
in an internal error about that class's `__init__` (a TypeError of pickle's), the worker's
exception lost. One that cannot be pickled at all (it holds a lock) ended in an internal error
whose message was the worker's whole Python traceback, on the user's screen without --debug.

Now each is told by its type and message, on one line, as an unexpected error in one process
is: no traceback, no pickle error, exit 2, nothing written, no worker left behind."""
from __future__ import annotations

import sys
import threading

import pytest
import pathfit.cli.main as main_module
from pathfit.engine.cohort import batch
from pathfit.engine.pipeline.durable_adapter import EngineFault

from .test_batch import _examples, write_csv
from .helpers import child_processes


class HoldsALock(Exception):
    """An exception no pickle can carry."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.lock = threading.Lock()


def _pathfit(args: list[str], monkeypatch, capsys) -> tuple[int, str]:
    """`pathfit ARGS` as its command line runs it (the one line an unexpected error gives):
    its exit status and stderr."""
    monkeypatch.setattr(sys, "argv", ["pathfit", *args])
    capsys.readouterr()
    code = main_module._run(False)
    return code, capsys.readouterr().err


RAISED = {
    "init": lambda: EngineFault("coach.fit", ValueError("no such step")),
    "lock": lambda: HoldsALock("the engine's lock was held"),
}
SAID = {  # what the message must name: the worker's exception, by its type and its message
    "init": ["EngineFault", "coach.fit: ValueError('no such step')"],
    "lock": ["HoldsALock", "the engine's lock was held"],
}


@pytest.mark.parametrize("kind", sorted(RAISED))
def test_an_exception_a_worker_cannot_hand_back_as_itself_is_told_by_its_type_and_message(kind, tmp_path,
                                                                                          monkeypatch, capsys):
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(8) for r in _examples()][:150]
    write_csv(tmp_path / "in.csv", rows)
    real = batch.evaluate_row

    def failing(engine, row, label):  # the workers are forked with this in place
        if row.number == 120:
            raise RAISED[kind]()
        return real(engine, row, label)

    monkeypatch.setattr(batch, "evaluate_row", failing)
    out = tmp_path / "out.jsonl"
    before = child_processes()
    code, said = _pathfit(["batch", str(tmp_path / "in.csv"), "--out", str(out), "--quiet", "--jobs", "2"],
                          monkeypatch, capsys)
    assert code == 2, said
    assert said.startswith("pathfit: internal error: ") and said.count("\n") == 1, said
    for words in SAID[kind]:
        assert words in said, said
    assert "Traceback" not in said and "File \"" not in said and "__init__()" not in said, said
    assert not out.exists()
    assert child_processes() == before


def test_the_same_exception_in_one_process_is_told_alike(tmp_path, monkeypatch, capsys):
    """The reference: in one process the exception is raised as itself."""
    rows = _examples()[:3]
    write_csv(tmp_path / "in.csv", rows)

    def failing(engine, row, label):
        raise RAISED["init"]()

    monkeypatch.setattr(batch, "evaluate_row", failing)
    code, said = _pathfit(["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.jsonl"), "--quiet",
                           "--jobs", "1"], monkeypatch, capsys)
    assert code == 2
    assert said.startswith("pathfit: internal error: EngineFault: coach.fit: ValueError('no such step')"), said
