"""Temporary files a killed run left beside an output, removed when that output is next written.

A run removes its own temporary file (engine.files) on every exit Python sees; a run killed
outright (SIGKILL, the kernel's out-of-memory killer, a power loss) cannot, and left it for ever:
a hidden copy of what it was writing, one more with every kill. Each run holds its temporary file
locked (flock) for as long as it has it, and the kernel lets a lock go when its holder ends,
however it ends; so a temporary file of the same output that nobody holds locked, and that is not
brand new (a run locks its file at once after creating it), is one whose run is gone. Whose run is
gone cannot be told by its process id (reused, after a restart above all), hence the lock.
"""
from __future__ import annotations

import os
import stat
import time

try:
    import fcntl
except ImportError:  # no flock (Windows): nothing is held, so nothing can be told left over
    fcntl = None

HOLDS = fcntl is not None  # whether a temporary file is held locked, and so kept open, until its rename
SETTLED = 60  # seconds: a temporary file younger than this may be one a run has made and not yet locked


def hold(fd: int) -> None:
    """Lock a new temporary file for as long as this run has it open (its last descriptor
    closed, or the run ended, lets the lock go)."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a file system without locks: the file is then never taken for a leftover
            pass


def sweep(folder: str, name: str) -> None:
    """Remove the temporary files of output `name` in `folder` that no live run holds:
    `.NAME.partial-PID-RANDOM`, this user's own, regular, unlocked and not brand new.
    Never raises: what cannot be looked at or removed is left as it is."""
    if fcntl is None:
        return
    import re  # here: a command that writes nothing (a cached `recommend`) loads none of this

    # the names searched at C speed, joined by NUL (which no name holds): matched one by one in
    # Python, a folder of 100,000 files cost every write about 11 ms (at best) over listing it
    pattern = re.compile("\0(" + re.escape(f".{name}.partial-") + r"[0-9]+-[0-9a-f]{12})(?=\0)")
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return
    for left in pattern.findall("\0" + "\0".join(names) + "\0"):
        _remove_if_left(os.path.join(folder, left))


def _remove_if_left(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:  # a link, gone meanwhile, or not ours to read
        return
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mtime > time.time() - SETTLED:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: a run still writing it
            return
        if os.path.samestat(info, os.stat(path, follow_symlinks=False)):
            os.unlink(path)
    except OSError:
        pass
    finally:
        os.close(fd)
