"""Regression: an append that failed (a full disk, a file too large, Ctrl-C) to an audit log that
did not exist before left an empty log file behind, while saying "the log was left as it was":
`recommend --audit-log new.jsonl` on a full disk wrote nothing it was asked to, yet a new log
was there, and a failed `recommend` is to leave nothing behind. The log this append created is
now removed again with everything else it wrote; a log that was there, even empty, is kept."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import pathfit.engine.audit.append as auditlog
from pathfit.cli.main import cli

from .audit_support import make_key
from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def _full_disk_on(monkeypatch, log: Path) -> None:
    real = os.write

    def write(fd, data):
        if os.readlink(f"/proc/self/fd/{fd}") == str(log):
            real(fd, bytes(data)[:100])  # part of it, as a disk that fills up mid-write takes
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(auditlog.os, "write", write)


def _interrupt_on(monkeypatch, log: Path) -> None:
    real = os.fsync

    def fsync(fd):
        if os.readlink(f"/proc/self/fd/{fd}") == str(log):
            raise KeyboardInterrupt
        return real(fd)

    monkeypatch.setattr(auditlog.os, "fsync", fsync)


@pytest.mark.parametrize("fault", [_full_disk_on, _interrupt_on], ids=["full disk", "Ctrl-C"])
def test_recommend_whose_append_to_a_new_log_failed_leaves_no_log(tmp_path, monkeypatch, fault):
    log = tmp_path / "new.jsonl"
    with monkeypatch.context() as patch:
        fault(patch, log)
        result = CliRunner().invoke(cli, ["recommend", "--rules", TINY, "--fact", "goal=specific",
                                          "--record", str(tmp_path / "r.json"), "--audit-log", str(log)])
    assert result.exit_code != 0, result.output
    if fault is _full_disk_on:
        assert result.output.startswith(f"{log}:0:0: PF617: cannot append: "), result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_batch_whose_append_to_a_new_log_failed_leaves_no_log(tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n' * 3)
    log = tmp_path / "new.jsonl"
    key = make_key(tmp_path)
    with monkeypatch.context() as patch:
        _full_disk_on(patch, log)
        result = CliRunner().invoke(cli, ["batch", str(source), "--out", str(tmp_path / "out.jsonl"), "--rules", TINY,
                                          "--jobs", "1", "--quiet", "--audit-log", str(log)],
                                   env={"PATHFIT_AUDIT_KEY_FILE": str(key)})
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{log}:0:0: PF617: cannot append: "), result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.jsonl", key.name])


def test_a_log_that_was_there_empty_is_kept_when_the_append_fails(tmp_path, monkeypatch):
    log = tmp_path / "empty.jsonl"
    log.write_bytes(b"")
    with monkeypatch.context() as patch:
        _full_disk_on(patch, log)
        result = CliRunner().invoke(cli, ["recommend", "--rules", TINY, "--fact", "goal=specific",
                                          "--audit-log", str(log)])
    assert result.exit_code == 2, result.output
    assert log.exists() and log.read_bytes() == b""
