"""`pathfit audit keygen FILE` writes the audit key whole and durably, or writes nothing.

Regression: the audit key was created under its own name first and then written, with no fsync
of its folder: a write that failed (a full disk) left FILE behind, an unwritten or half-written
key that every later `keygen FILE` refused to replace (PF612), and the failure itself was
"internal error: OSError" (exit 2, no code, no place); after a power loss a key already
announced ("wrote a new audit key"), and used to seal records, could vanish with its name.
The signing key was written whole already (a temporary file beside it, fsync, hard link, the
folder fsynced); the audit key now is too, and a failure is PF617 at FILE, nothing written.
"""
from __future__ import annotations

import errno
import os
import stat

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_a_failed_write_is_pf617_and_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    real = os.fsync
    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(cli, ["audit", "keygen", "audit.key"])
    monkeypatch.setattr(os, "fsync", real)
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.stderr.startswith("audit.key:0:0: PF617: "), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    again = CliRunner().invoke(cli, ["audit", "keygen", "audit.key"])  # nothing left in the way
    assert again.exit_code == 0, again.output
    assert (tmp_path / "audit.key").stat().st_mode & 0o777 == 0o600


def test_the_key_and_its_name_are_made_durable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    synced = []
    real = os.fsync

    def spy(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        return real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    result = CliRunner().invoke(cli, ["audit", "keygen", "audit.key"])
    assert result.exit_code == 0, result.output
    assert synced == [False, True]  # the key's bytes, then the folder that holds its name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.key"]  # no temporary file left
