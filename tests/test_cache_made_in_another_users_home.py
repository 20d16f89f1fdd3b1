"""The load cache makes no folder in another user's: run as root with another user's HOME (sudo
keeping HOME, `sudo -E`), nothing is made or kept in their home.

Regression: the cache folder was made wherever HOME said, by whoever ran pathfit. Run as root
with a user's HOME, ~/.cache (if it was not there) and ~/.cache/pathfit were made root's: the
user could keep nothing in their own ~/.cache again, pathfit's cache nor any other program's.
Now a missing cache folder is made only under a folder of the user running pathfit, or one in
which anyone may make their own (sticky, as /tmp).
"""
from __future__ import annotations

import os
import stat

import pytest

from .test_cache import cached  # the bundled rules copied
from .test_cache_entry_unpickled_where_others_could_write import NOBODY, _decides


@pytest.fixture
def home_of(tmp_path, monkeypatch):
    def home(uid: int, mode: int = 0o755):
        folder = tmp_path / f"home-{uid}"
        folder.mkdir()
        os.chmod(folder, mode)
        os.chown(folder, uid, uid)
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        monkeypatch.setenv("HOME", str(folder))
        return folder
    return home


def test_root_with_another_users_home_makes_nothing_there(cached, home_of):
    home = home_of(NOBODY)
    first = _decides(cached)
    assert list(home.iterdir()) == []
    assert _decides(cached) == first


def test_the_users_own_home_still_gets_its_cache(cached, home_of):
    home = home_of(os.geteuid())
    _decides(cached)
    folder = home / ".cache" / "pathfit"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and len(list(folder.glob("*.pickle"))) == 1


def test_a_cache_under_a_folder_anyone_may_make_their_own_in_is_made(cached, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    if os.geteuid() == 0:
        os.chown(shared, NOBODY, NOBODY)  # not this user's, as /tmp is root's
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    _decides(cached)
    assert len(list((shared / "pathfit").glob("*.pickle"))) == 1
