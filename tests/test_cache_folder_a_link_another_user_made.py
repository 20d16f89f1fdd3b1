"""A cache folder that is a link another user made is not used: nothing in what it leads to is
changed, written or removed.

Regression: the cache folder was followed wherever it led. Under a shared XDG_CACHE_HOME (such as
/tmp, writable by all), another user could make `pathfit` there a link to a folder of this
user's: keeping an entry then made a group-writable folder (a team's) 700, wrote an entry in it,
and removed every `*.pickle` in it but the 32 newest, and every `.*.tmp` older than ten minutes,
as if they were old cache entries. A link the user made (a cache kept on another disk) is still
followed.
"""
from __future__ import annotations

import os
import stat

import pytest

from .test_cache import cached  # the bundled rules copied, a cache of their own
from .test_cache_entry_unpickled_where_others_could_write import NOBODY, _decides


def _folder_of_the_users(tmp_path, mode: int):
    """A folder of this user's holding 40 files named as entries and a stale temporary file."""
    folder = tmp_path / "team"
    folder.mkdir()
    for i in range(40):
        (folder / f"model-{i:02}.pickle").write_bytes(b"weights")
        os.utime(folder / f"model-{i:02}.pickle", (1_000_000 + i, 1_000_000 + i))
    (folder / ".draft.1.tmp").write_bytes(b"notes")
    os.utime(folder / ".draft.1.tmp", (1_000_000, 1_000_000))
    os.chmod(folder, mode)
    return folder


@pytest.mark.parametrize("mode", [0o770, 0o700])
def test_a_shared_cache_folder_linked_by_another_user_to_a_folder_of_the_users_is_left_alone(
        cached, tmp_path, mode):
    shared = tmp_path / "cache"  # XDG_CACHE_HOME, writable by all, as /tmp is
    shared.mkdir()
    os.chmod(shared, 0o1777)
    folder = _folder_of_the_users(tmp_path, mode)
    before = sorted(p.name for p in folder.iterdir())
    (shared / "pathfit").symlink_to(folder)
    os.lchown(shared / "pathfit", NOBODY, NOBODY)
    first = _decides(cached)
    assert stat.S_IMODE(folder.stat().st_mode) == mode
    assert sorted(p.name for p in folder.iterdir()) == before
    assert _decides(cached) == first
