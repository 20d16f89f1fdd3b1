"""A cache home ($XDG_CACHE_HOME) that is a link another user made, or a folder reached through
one, is not kept in: nothing in the folder it leads to is changed, written or removed.

Regression: only the cache folder's own name ($XDG_CACHE_HOME/pathfit) was checked for a link
another user made. XDG_CACHE_HOME named where others may write (`/tmp/alice-cache` in a script,
`/tmp/shared/cache`), another user could make that name, one level up, a link to a folder of this
user's: keeping an entry then made the `pathfit` folder there 700, wrote an entry in it, and
removed every `*.pickle` in it but the 32 newest, and every `.*.tmp` older than ten minutes, as
if they were old cache entries (or made a `pathfit` folder there). A link the user made is still
followed.
"""
from __future__ import annotations

import os
import stat

import pytest

from .test_cache import cached  # the bundled rules copied, a cache of their own
from .test_cache_entry_unpickled_where_others_could_write import NOBODY, _decides
from .test_cache_folder_a_link_another_user_made import _folder_of_the_users


def _users_folder_holding_pathfit(tmp_path, mode: int):
    """A folder of this user's whose `pathfit` folder holds 40 files named as entries and a
    stale temporary file."""
    work = tmp_path / "work"
    work.mkdir()
    pathfit = _folder_of_the_users(tmp_path, mode)
    pathfit.rename(work / "pathfit")
    return work, work / "pathfit"


@pytest.mark.parametrize("mode", [0o770, 0o700])
def test_a_cache_home_linked_by_another_user_to_a_folder_of_the_users_is_left_alone(
        cached, tmp_path, monkeypatch, mode):
    shared = tmp_path / "shared"  # writable by all, as /tmp is
    shared.mkdir()
    os.chmod(shared, 0o1777)
    work, folder = _users_folder_holding_pathfit(tmp_path, mode)
    before = sorted(p.name for p in folder.iterdir())
    (shared / "cache").symlink_to(work)
    os.lchown(shared / "cache", NOBODY, NOBODY)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared / "cache"))
    first = _decides(cached)
    assert stat.S_IMODE(folder.stat().st_mode) == mode
    assert sorted(p.name for p in folder.iterdir()) == before
    assert _decides(cached) == first


def test_a_cache_home_linked_by_another_user_gets_no_pathfit_folder(cached, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    work = tmp_path / "work"
    work.mkdir()
    (shared / "cache").symlink_to(work)
    os.lchown(shared / "cache", NOBODY, NOBODY)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared / "cache" / "deeper"))
    _decides(cached)
    assert list(work.iterdir()) == []


def test_a_cache_home_the_user_linked_is_followed(cached, tmp_path, monkeypatch):
    elsewhere = tmp_path / "disk"
    elsewhere.mkdir()
    (tmp_path / "home-cache").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    first = _decides(cached)
    assert list((elsewhere / "pathfit").glob("*.pickle"))
    assert _decides(cached) == first
