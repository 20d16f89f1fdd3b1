"""PATHFIT_DURABLE_SDIST naming something that is not a readable archive stops the build with one
line saying what it is, never "no such file" of a path that exists, nor a traceback.

Regression: a folder (the one the archive was downloaded into, a common slip) was said to be
"no such file"; a file that exists but cannot be read ended the build in an OSError traceback
from the sha256 check, and so did a kept copy under build/ that could not be read, where
downloading the archive again was all it took.
"""
from __future__ import annotations

import hashlib

import pytest

from build_tools import durable_core

# A file that exists, is regular, and cannot be read (EIO from offset 0), even by root
UNREADABLE = "/proc/self/mem"


def _pin() -> durable_core.Pin:
    return durable_core.Pin("9.9.9", hashlib.sha256(b"archive").hexdigest())


def test_a_folder_is_refused_as_not_a_regular_file(tmp_path, monkeypatch):
    monkeypatch.setenv(durable_core.ENV_SDIST, str(tmp_path))
    with pytest.raises(durable_core.DurableSourceError) as refused:
        durable_core.obtain_sdist(_pin(), str(tmp_path / "cache"), log=lambda m: None)
    assert "not a regular file" in str(refused.value) and "no such file" not in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_missing_file_is_still_no_such_file(tmp_path, monkeypatch):
    monkeypatch.setenv(durable_core.ENV_SDIST, str(tmp_path / "gone.tar.gz"))
    with pytest.raises(durable_core.DurableSourceError, match="no such file"):
        durable_core.obtain_sdist(_pin(), str(tmp_path / "cache"), log=lambda m: None)


def test_a_file_that_cannot_be_read_is_refused_in_one_line(tmp_path, monkeypatch):
    with pytest.raises(OSError):  # the premise: it cannot be read
        with open(UNREADABLE, "rb") as f:
            f.read(1)
    monkeypatch.setenv(durable_core.ENV_SDIST, UNREADABLE)
    with pytest.raises(durable_core.DurableSourceError) as refused:
        durable_core.obtain_sdist(_pin(), str(tmp_path / "cache"), log=lambda m: None)
    assert UNREADABLE in str(refused.value) and "\n" not in str(refused.value)


def test_a_kept_copy_that_cannot_be_read_is_a_miss(tmp_path, monkeypatch):
    """The kept copy unreadable: the build goes on to download (here refused, pip stubbed out)."""
    pin = _pin()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / pin.sdist_name).symlink_to(UNREADABLE)
    monkeypatch.delenv(durable_core.ENV_SDIST, raising=False)

    class Refused:
        returncode, stdout = 1, "ERROR: No matching distribution found\n"

    monkeypatch.setattr(durable_core.subprocess, "run", lambda *a, **k: Refused())
    with pytest.raises(durable_core.DurableSourceError, match="could not download"):
        durable_core.obtain_sdist(pin, str(cache), log=lambda m: None)
