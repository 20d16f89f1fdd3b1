"""The rule-set cache unpickles only what no one but this user could have written.

Regression: an entry was unpickled from $XDG_CACHE_HOME/pathfit whoever owned the folder or the
file and whoever could write them, and unpickling runs whatever the entry says. Anyone able to
write there (a cache under a shared XDG_CACHE_HOME, a folder someone else made first, an entry
left writable by others) could have every `pathfit` command of this user run their code; the
entry's key line and CRC-32 are no defence, since the writer can compute both. The folder was
also made, and entries written, with the user's umask (644, 755).
"""
from __future__ import annotations

import os
import pickle
import stat
from binascii import crc32

import pytest

from pathfit.engine import Engine, __version__
from pathfit.engine.pipeline import cache
from pathfit.engine.pipeline.durable_adapter import DURABLE_VERSION

from .test_cache import PROFILE, cached  # the bundled rules copied, a cache of their own

NOBODY = 65534
VERSIONS = f"{__version__}|{DURABLE_VERSION}"  # as Engine.load keys its entries


class _Planted:
    """What a planted entry runs when unpickled: it makes a folder, which the test looks for."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (self.marker,)


def _plant(folder, key: str, marker) -> os.PathLike:
    """An entry for `key`, consistent (its key line and CRC-32 right), that runs code when unpickled."""
    pickled = pickle.dumps(_Planted(str(marker)))
    entry = folder / f"{key}.pickle"
    entry.write_bytes(f"{key} {crc32(pickled):08x}\n".encode() + pickled)
    return entry


@pytest.fixture
def planted(cached, tmp_path):
    """The cache folder, made by this user as pathfit makes it, with an entry planted under the
    key the bundled rules' copy is looked up by; the marker its code would make."""
    folder = tmp_path / "cache" / "pathfit"
    folder.mkdir(parents=True, mode=0o700)
    key = cache.key_for(str(cached), VERSIONS)
    assert key is not None
    marker = tmp_path / "planted-code-ran"
    entry = _plant(folder, key, marker)
    os.chmod(entry, 0o600)
    return cached, folder, entry, marker


def _decides(directory) -> dict:
    with Engine.load(directory) as engine:
        return engine.evaluate(PROFILE).to_dict()


def test_the_planted_entry_runs_its_code_where_the_cache_is_private(planted):
    """The reference for the cases below: this is what such an entry does when it is trusted."""
    directory, _, _, marker = planted
    try:
        Engine.load(directory).close()
    except Exception:
        pass  # what it unpickles is no rule set
    assert marker.is_dir()


@pytest.mark.parametrize("how", ["folder writable by others", "folder writable by its group",
                                 "folder owned by another user", "entry writable by others",
                                 "entry owned by another user"])
def test_an_entry_others_could_have_written_is_a_miss_and_never_run(planted, monkeypatch, how):
    directory, folder, entry, marker = planted
    if how == "folder writable by others":
        os.chmod(folder, 0o777)
    elif how == "folder writable by its group":
        os.chmod(folder, 0o770)
    elif how == "folder owned by another user":
        os.chown(folder, NOBODY, NOBODY)
    elif how == "entry writable by others":
        os.chmod(entry, 0o666)
    else:
        os.chown(entry, NOBODY, NOBODY)
    with Engine.load(directory) as engine:  # read from the rule files, not the entry
        decided = engine.evaluate(PROFILE).to_dict()
    assert not marker.exists()
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    assert _decides(directory) == decided  # as the rule files decide
    if how.startswith("folder"):  # nothing is kept where it would not be read
        assert [p.name for p in folder.iterdir()] == [entry.name]


def test_the_cache_is_made_private_and_still_serves_its_user(cached, tmp_path, monkeypatch):
    old = os.umask(0o002)  # a permissive umask, as many desktops have
    try:
        first = _decides(cached)
    finally:
        os.umask(old)
    folder = tmp_path / "cache" / "pathfit"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (entry,) = folder.glob("*.pickle")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600

    def refuse(*args, **kwargs):
        raise AssertionError("the rule set was read although it was cached")
    monkeypatch.setattr("pathfit.engine.pipeline.ruleset.read_ruleset", refuse)
    assert _decides(cached) == first


def test_a_folder_of_this_users_left_group_writable_is_made_private_then_used(cached, tmp_path, monkeypatch):
    """A cache folder an older pathfit made under a umask of 002 is this user's: it is made 700
    when an entry is next kept, and serves from then on; an entry another user left in it is
    still never read."""
    folder = tmp_path / "cache" / "pathfit"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o775)
    marker = tmp_path / "planted-code-ran"
    key = cache.key_for(str(cached), VERSIONS)
    entry = _plant(folder, key, marker)
    os.chown(entry, NOBODY, NOBODY)
    first = _decides(cached)
    assert not marker.exists()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert entry.stat().st_uid == os.geteuid()  # kept in its place, this user's own

    def refuse(*args, **kwargs):
        raise AssertionError("the rule set was read although it was cached")
    monkeypatch.setattr("pathfit.engine.pipeline.ruleset.read_ruleset", refuse)
    assert _decides(cached) == first
