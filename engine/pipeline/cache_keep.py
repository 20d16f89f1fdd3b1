"""Keeping an entry in the load cache (cache.put): only on a miss, so none of this is imported
on the start of a command that finds its entry (cache.py runs on every CLI start)."""
from __future__ import annotations

import os
import pickle
import stat
import threading
from binascii import crc32
from typing import Callable

from .cache import KEEP, _close, _digest, _read_regular, at, cache_dir, open_folder
from .knowledge_base import text_digest
from .load import MAX_BYTES


def made_private(fd: int, info: os.stat_result) -> os.stat_result:
    """A cache folder of this user's left writable by its group (made by an older pathfit
    under a umask such as 002) made 700, through its descriptor; what another wrote in it is
    not theirs, and is never read (cache._read_regular). -> the folder's status after."""
    if info.st_uid == os.geteuid():
        os.fchmod(fd, 0o700)
        return os.fstat(fd)
    return info


def _may_make(folder: str) -> bool:
    """Whether the cache folder may be made (or is there) here: under a folder of this user's,
    or one in which anyone may make their own (sticky, as /tmp). Run as root with another
    user's HOME (sudo keeping HOME), a folder made in their home would be root's, and they
    could keep nothing in their own ~/.cache again, pathfit's cache nor any other program's."""
    geteuid = getattr(os, "geteuid", None)
    path = os.path.abspath(folder)
    while geteuid is not None:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            if os.path.dirname(path) == path:
                return False
            path = os.path.dirname(path)
            continue
        except OSError:
            return False
        return info.st_uid == geteuid() or bool(info.st_mode & stat.S_ISVTX)
    return True


def _no_link_of_anothers(folder: str) -> bool:
    """Whether no link on the way to `folder` (its name's folders, then those each link leads
    through) is another user's (root's aside: the system's own, as /var -> /private/var). One
    another user made where others may write (XDG_CACHE_HOME=/tmp/alice-cache, made first by
    them) leads where they chose: to a folder of this user's, whose `pathfit` folder keeping an
    entry would make 700, write in, and prune of its `*.pickle` and `.*.tmp` (open_folder checks
    the cache folder's own name alone). Followed as the system follows them, 40 links at most."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return True
    whole = folder if os.path.isabs(folder) else os.path.join(os.getcwd(), folder)  # not abspath: `..` after a link
    me, done, todo, hops = geteuid(), os.sep, whole.split(os.sep)[1:], 0
    while todo:
        part = todo.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            done = os.path.dirname(done)
            continue
        path = os.path.join(done, part)
        try:
            info = os.lstat(path)
            target = os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""
        except FileNotFoundError:
            return True  # made from here on, by this user: _may_make
        except OSError:
            return False
        if not stat.S_ISLNK(info.st_mode):
            done = path
            continue
        hops += 1
        if info.st_uid not in (me, 0) or hops > 40:
            return False
        done = os.sep if os.path.isabs(target) else done
        todo = target.split(os.sep) + todo
    return True


def new_private(dir_fd: int | None) -> Callable[[str, int], int]:
    """open()'s opener for an entry being written in an open cache folder: a new file of this
    user's, mode 600, never one already there (or a link) under the name."""
    def opener(path: str, flags: int) -> int:
        return os.open(path, flags | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600, dir_fd=dir_fd)
    return opener


def put(key: str, kb_path: str, kb_sha256: str | None, value) -> None:
    """Keep `value`, read from a knowledge base whose bytes had the digest `kb_sha256`
    (knowledge_base.read_sections). Nothing is kept if the file no longer holds those
    bytes: an entry is taken on a hit only while the file is unchanged since it was
    kept, so the file must still be the one the rule set was read from.

    Written to a temporary file, then renamed into place, so a reader never sees half an
    entry. The temporary file is removed whenever the entry is not written (a full disk, a
    directory where the entry goes, an interrupt): left, each miss would leave one more, and
    a full disk would stay full. Named by the process and the thread: by the process alone, another thread
    keeping the same entry at once (two loads of one rule set) failed to make the file, removed
    it as its own while the first wrote it, and neither kept the entry.
    Then `prune`, written or not (a full disk is where it counts)."""
    folder = cache_dir()
    if folder is None:
        return
    if not _may_make(folder) or not _no_link_of_anothers(folder):
        return
    from ..folders import make_folders  # each folder made 700: makedirs gives the outer ones 777 less the umask

    try:
        make_folders(folder, 0o700)
    except OSError:
        return
    where = open_folder(folder, make=True)  # kept only where it would be read
    if where is None:
        return
    tmp, dir_fd = at(where, f".{key}.{os.getpid()}.{threading.get_ident()}.tmp")
    written = False
    try:
        kb = _read_regular(kb_path, MAX_BYTES + 1)
        if kb is not None and text_digest(kb) == kb_sha256:
            pickled = pickle.dumps((kb_path, _digest(kb).hexdigest(), value), protocol=pickle.HIGHEST_PROTOCOL)
            with open(tmp, "wb", opener=new_private(dir_fd)) as f:
                f.write(f"{key} {crc32(pickled):08x}\n".encode() + pickled)
            os.replace(tmp, at(where, f"{key}.pickle")[0], src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            written = True
    except (OSError, RecursionError):  # a full disk, or a caller's stack too shallow to pickle a deep rule: not kept
        pass
    finally:
        if not written:
            _unlink(tmp, dir_fd)
        try:
            prune(where)
        finally:
            _close(where)


STALE_TMP_SECONDS = 600  # a temporary file this old is no writer's any more: a writer takes well under a second


def prune(where: int | str) -> None:
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


def _unlink(path: str, dir_fd: int | None = None) -> None:
    try:
        os.unlink(path, dir_fd=dir_fd)
    except OSError:
        pass
