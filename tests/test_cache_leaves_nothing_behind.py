"""The load cache leaves no temporary file behind, clears old ones, and never waits on a pipe.

Regressions: every miss whose entry could not be written (a full disk, a directory where the
entry goes) left its `.KEY.PID.tmp` behind, and only entries were ever pruned, so a full disk
stayed full; a named pipe (FIFO) where an entry or the knowledge base is read made `recommend`
wait forever for a writer.
"""
from __future__ import annotations

import errno
import os
import threading
import time

import pytest

from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline import cache, cache_keep

from .test_cache import cached  # the bundled rules copied, a cache of their own


def _folder(tmp_path):
    return tmp_path / "cache" / "pathfit"


def _left(tmp_path) -> list[str]:
    return sorted(p.name for p in _folder(tmp_path).iterdir() if p.name.endswith(".tmp"))


def _stale_and_fresh(tmp_path) -> None:
    """A temporary file an hour old (a writer killed long ago) and one just begun (another
    process writing its entry now)."""
    _folder(tmp_path).mkdir(parents=True, exist_ok=True)
    stale, fresh = _folder(tmp_path) / ".dead.4000001.tmp", _folder(tmp_path) / ".busy.4000002.tmp"
    stale.write_bytes(b"x" * 1000)
    fresh.write_bytes(b"y")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))


def _failing_open(failure: BaseException):
    """`open` as the module keeping entries (cache_keep) sees it, but writing a temporary file fails part way."""
    real = open

    class Failing:
        def __init__(self, f):
            self._f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._f.close()

        def write(self, data):
            self._f.write(data[:100])
            raise failure

    def fake(path, mode="r", *args, **kwargs):
        f = real(path, mode, *args, **kwargs)
        return Failing(f) if str(path).endswith(".tmp") and "w" in mode else f
    return fake


def test_a_write_that_fails_leaves_no_temporary_file_and_clears_old_ones(cached, tmp_path, monkeypatch):
    _stale_and_fresh(tmp_path)
    monkeypatch.setattr(cache_keep, "open", _failing_open(OSError(errno.ENOSPC, "No space left on device")), raising=False)
    for _ in range(2):
        with Engine.load(cached) as rules:
            assert rules.ruleset.name
    assert _left(tmp_path) == [".busy.4000002.tmp"]  # the stale one cleared, the busy one left to its writer
    assert not list(_folder(tmp_path).glob("*.pickle"))


def test_an_interrupted_write_leaves_no_temporary_file(cached, tmp_path, monkeypatch):
    monkeypatch.setattr(cache_keep, "open", _failing_open(KeyboardInterrupt()), raising=False)
    with pytest.raises(KeyboardInterrupt):
        Engine.load(cached)
    assert _left(tmp_path) == []


def test_an_entry_that_cannot_be_replaced_leaves_no_temporary_file(cached, tmp_path):
    Engine.load(cached).close()
    (entry,) = _folder(tmp_path).glob("*.pickle")
    entry.unlink()
    entry.mkdir()  # os.replace cannot put a file there
    for _ in range(2):
        Engine.load(cached).close()
    assert _left(tmp_path) == []


def test_a_successful_write_clears_old_temporary_files(cached, tmp_path):
    _stale_and_fresh(tmp_path)
    Engine.load(cached).close()
    assert _left(tmp_path) == [".busy.4000002.tmp"]
    assert len(list(_folder(tmp_path).glob("*.pickle"))) == 1


def test_temporary_files_are_cleared_past_ten_minutes_and_kept_before_it(cached, tmp_path):
    """Ten minutes, as the README says: a temporary file 11 minutes old is cleared, one 9 minutes
    old (a writer that may still be at work, however slow) is kept."""
    _folder(tmp_path).mkdir(parents=True, exist_ok=True)
    for name, minutes in ((".eleven.4000003.tmp", 11), (".nine.4000004.tmp", 9)):
        (_folder(tmp_path) / name).write_bytes(b"x")
        then = time.time() - minutes * 60
        os.utime(_folder(tmp_path) / name, (then, then))
    Engine.load(cached).close()
    assert _left(tmp_path) == [".nine.4000004.tmp"]


def _load_in_time(directory, seconds: float = 30):
    """Engine.load(directory) in a thread: (whether it ended in time, its engine or error)."""
    done: dict = {}

    def load():
        try:
            done["engine"] = Engine.load(directory)
        except PathfitError as err:
            done["error"] = err
    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive(), done


def _release(pipe) -> None:
    """Let a reader waiting on `pipe` go (it then reads nothing), however the test ended."""
    try:
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def test_a_pipe_where_an_entry_is_read_is_a_miss_not_a_wait(cached, tmp_path):
    Engine.load(cached).close()
    (entry,) = _folder(tmp_path).glob("*.pickle")
    entry.unlink()
    os.mkfifo(entry)
    try:
        ended, done = _load_in_time(cached)
    finally:
        _release(entry)
    assert ended and done["engine"].evaluate({"goal_clarity": "specific"}).outcome
    done["engine"].close()


def test_a_pipe_where_the_knowledge_base_was_is_reported_not_waited_on(cached, tmp_path):
    Engine.load(cached).close()
    kb = cached.parent / "knowledge_base.md"
    kb.unlink()
    os.mkfifo(kb)
    try:
        ended, done = _load_in_time(cached)
    finally:
        _release(kb)
    assert ended and [p.code for p in done["error"].problems] == ["PF217"]
