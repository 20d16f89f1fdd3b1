"""Opening and locking an audit log to append to it (engine.audit.append, engine.audit.repair).

A log is opened never through a link, created mode 600 if missing, and locked (an exclusive
flock) as the file its name points at. Whether this open created it is told apart (an open
without O_CREAT first, then an exclusive create), so an append that fails on a log it created
removes the log again instead of leaving an empty one where there was none.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ..errors import Pos, fail
from ..files import reason
from ..quote import shell_word, shown_path
from .log import fcntl, take_lock


def need_locks(label: str) -> None:
    """PF617 where the system has no POSIX file locks (fcntl: Windows): appends from two
    writers at once could fork the chain there, so no log is appended to without them."""
    if fcntl is None:
        raise fail("PF617", "cannot lock the audit log: this system has no POSIX file locks (fcntl), without which "
                   "two writers could break its chain; nothing was appended", Pos(label))


def open_locked(path: Path, label: str) -> int:
    """open_log's descriptor alone, for a writer that never removes the log (repair)."""
    return open_log(path, label)[0]


def open_log(path: Path, label: str) -> tuple[int, bool]:
    """Open (creating, mode 600, never through a link) and lock the log; retry if it was replaced
    between open and lock, so the lock always guards the file the name points at.
    -> (the descriptor, whether this open created the file)."""
    need_locks(label)
    flags = os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    for _ in range(10):
        created = False
        try:
            try:
                fd = os.open(path, flags)
            except FileNotFoundError:
                fd, created = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600), True
        except FileExistsError:  # made meanwhile by another writer (or a link): open the name again
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise fail("PF617", "the audit log is a symbolic link; name the file itself (links are never "
                           "written through)", Pos(label)) from None
            raise fail("PF617", f"cannot open audit log: {reason(exc)}", Pos(label)) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise fail("PF617", "the audit log is not a regular file (a device, pipe or socket)", Pos(label))
        try:
            take_lock(fd, fcntl.LOCK_EX, label)
        except OSError as exc:
            os.close(fd)
            raise fail("PF617", f"cannot lock the audit log: {exc.strerror or exc}", Pos(label)) from None
        try:
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                _warn_if_exposed(fd, path)
                return fd, created
        except OSError:  # removed since we opened it: open the name again
            pass
        os.close(fd)
    raise fail("PF617", "the audit log keeps being replaced; cannot lock it", Pos(label))


def remove_created(path: Path, fd: int) -> None:
    """Remove the log this append created and wrote nothing lasting to, under its lock: a writer
    waiting for the lock then finds the name gone, and opens (creates) it again (open_log)."""
    try:
        if os.path.samestat(os.fstat(fd), os.stat(path)):
            os.unlink(path)
    except OSError:
        pass


_WARNED: set = set()  # (device, inode) of logs already warned about in this process


def _warn_if_exposed(fd: int, path: Path) -> None:
    """Say once per log and process that a log others can read or write is being appended to: records are
    personal data. New logs are created mode 600; an existing log's mode is the owner's choice, so warn, not fail."""
    info = os.fstat(fd)
    if info.st_mode & 0o077 and (info.st_dev, info.st_ino) not in _WARNED:
        _WARNED.add((info.st_dev, info.st_ino))
        sys.stderr.write(f"warning: {shown_path(path)}: the audit log is readable or writable by others (mode "
                         f"{info.st_mode & 0o777:o}); records are personal data: run: chmod 600 {shell_word(path)}\n")
