"""Keeping an entry in the load cache (cache.put): only on a miss, so none of this is imported
on the start of a command that finds its entry (cache.py runs on every CLI start)."""
from __future__ import annotations

import os

from .cache import KEEP, _unlink, at


def made_private(fd: int, info: os.stat_result) -> os.stat_result:
    """A cache folder of this user's left writable by its group (made by an older pathfit
    under a umask such as 002) made 700, through its descriptor; what another wrote in it is
    not theirs, and is never read (cache._read_regular). -> the folder's status after."""
    if info.st_uid == os.geteuid():
        os.fchmod(fd, 0o700)
        return os.fstat(fd)
    return info


def new_private(dir_fd: int | None):
    """open()'s opener for an entry being written in an open cache folder: a new file of this
    user's, mode 600, never one already there (or a link) under the name."""
    def opener(path: str, flags: int) -> int:
        return os.open(path, flags | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600, dir_fd=dir_fd)
    return opener


STALE_TMP_SECONDS = 600  # a temporary file this old is no writer's any more: a writer takes well under a second


def prune(where) -> None:
    """Remove the oldest entries past KEEP, and temporary files older than STALE_TMP_SECONDS
    (left by a process killed while writing, or by a pathfit before this one): a younger one
    may be another process's entry being written."""
    import time  # a miss only

    now, entries, stale = time.time(), [], []
    try:
        with os.scandir(where) as found:
            for e in found:
                try:
                    if e.name.endswith(".pickle"):
                        entries.append((e.stat(follow_symlinks=False).st_mtime, e.name))
                    elif e.name.startswith(".") and e.name.endswith(".tmp") and \
                            now - e.stat(follow_symlinks=False).st_mtime > STALE_TMP_SECONDS:
                        stale.append(e.name)
                except OSError:  # removed meanwhile by another process
                    continue
    except OSError:
        return
    for _, old in sorted(entries)[:-KEEP]:
        _unlink(*at(where, old))
    for old in stale:
        _unlink(*at(where, old))
