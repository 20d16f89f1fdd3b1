"""A cache of validated, compiled rule sets, keyed by the exact bytes they came from.

Parsing, validating and compiling are pure functions of the rule files, the knowledge base,
pathfit's own code and the versions of durable-rules, Python and the YAML parser (PyYAML,
libyaml); the CLI reloads the same bundled rules on every call, so their result is kept under
the user's cache directory ($XDG_CACHE_HOME/pathfit, else ~/.cache/pathfit) and reused when
every input byte is the same. PATHFIT_CACHE=0 turns it off.

The file holds pathfit's own objects, pickled by pathfit, after a first line with the BLAKE2b
key of the inputs (also its name) and the CRC-32 of the pickled bytes, checked before they are
unpickled: a damaged byte that still unpickles (a weight's float, one bit off) would otherwise
be taken, and give other advice under the same rule-set digest. CRC-32 finds every run of damage
up to 32 bits long, and other damage but for about one chance in four billion; on every start it
costs a fifth of BLAKE2b's time over the bundled rules' entry, and binascii is imported on that
path already. Anything unexpected (a different key or digest, a truncated or unreadable file, an
unwritable directory) is a miss: the rules are then loaded the slow way, never wrongly. The check
finds damage, not a deliberate change: whoever can write the cache directory can write a
consistent entry, and unpickling runs what an entry says. So an entry is read and kept only
where no one else can write (`_private`: folder and entry this user's, mode 700 and 600, reached
as checked, `open_folder`); elsewhere (a shared XDG_CACHE_HOME, a folder someone else made) it
is a miss, and nothing is kept. Paths are plain os.path strings: this runs on every CLI start,
where pathlib would cost 9 ms to import.
"""
from __future__ import annotations

import os
import stat
import sys
from binascii import crc32

from .load import MAX_BYTES
from .bundled import read_by_name  # a hidden file is none of the rule set's

try:  # what pickle.loads is in CPython, without pickle.py's own import (about 0.9 ms of every CLI start)
    from _pickle import loads as _loads
except ImportError:  # pragma: no cover - another Python implementation
    from pickle import loads as _loads

try:  # the built-in BLAKE2b: hashlib (OpenSSL) costs about 11 ms to import, on every CLI start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 6  # 6: a file that is a link keyed as one; 5: keyed by the directory's name as given;
# 4: a first line of key and the pickle's CRC-32
KEEP = 32  # entries kept; the oldest go first


def cache_dir() -> str | None:
    """$XDG_CACHE_HOME/pathfit, else ~/.cache/pathfit; None: keep no cache. A relative
    XDG_CACHE_HOME is ignored, as the XDG base directory specification says, and a relative
    HOME keeps nothing: either would put pickled rule sets in whatever folder pathfit is run
    from (a rule project, beside its rule files), and a deleted one has no path at all. Nor
    does an empty HOME, which os.path.expanduser makes "/" (root's cache at /.cache)."""
    if os.environ.get("PATHFIT_CACHE", "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        if os.environ.get("HOME") == "":
            return None
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pathfit") if os.path.isabs(base) else None


_ENGINE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The engine's subfolders whose code reads, validates and compiles a rule set, beside the
# engine folder's own modules: a cold load imports nothing else of pathfit's
# (tests/test_cache.py checks it), so nothing else can change what is cached.
COLD_PATH_FOLDERS = ("pipeline",)


def _digest(data: bytes = b""):
    """A cryptographic hash of `data` (more with `.update`), so an entry is found only by
    the exact bytes it was made from. BLAKE2b, 32 bytes: the built-in SHA-256 cost about
    47 instructions per byte, and every start hashes each rule file and the knowledge
    base (about 114 KB for the bundled rules); BLAKE2b costs a fraction of that."""
    return blake2b(data, digest_size=32)


def code_stamp(root: str | None = None) -> str:
    """The name, size and modification time of every module a rule set is loaded with:
    the engine folder's own modules and everything under its COLD_PATH_FOLDERS.

    The version string alone is not enough: in a checkout (an editable install)
    an edited compiler keeps the version, and would be served rules compiled by
    the old one. Stat rather than hash: this runs on every CLI start, and any
    edit or reinstall changes a file's size or time. Walked with scandir and
    names built by hand (as os.walk and os.path.relpath would give them, in the
    same order: a folder's files, then its subfolders): 0.5 ms instead of 1.1;
    the engine's other subfolders (the explanation, audit, authoring, ...) are not
    walked, since no cached value depends on them."""
    parts: list[str] = []
    _stamp_folder(root or _ENGINE_DIR, "", parts, COLD_PATH_FOLDERS)
    return _digest("\n".join(parts).encode()).hexdigest()


def _stamp_folder(folder: str, prefix: str, parts: list[str], only: tuple | None = None) -> None:
    """One folder of code_stamp, then its subfolders (`only` those named, if given); as
    os.walk, an unreadable folder is skipped and a symbolic link to a folder is not followed."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name != "__pycache__" and not entry.is_symlink() and (only is None or entry.name in only):
                subfolders.append(entry)
        elif entry.name.endswith((".py", ".so")):
            try:
                st = entry.stat()
            except OSError:
                continue
            parts.append(f"{prefix}{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    for sub in subfolders:
        _stamp_folder(sub.path, f"{prefix}{sub.name}{os.sep}", parts)


def key_for(directory: str, versions: str, code: str | None = None) -> str | None:
    """A digest (`_digest`) over the versions (the YAML parser's too, `_parser`), pathfit's code
    (`code_stamp`), the directory's name exactly as given and the bytes of every rule file and
    table's CSV (`rows_from` names a file of this directory), or None if something cannot be
    read. The knowledge base is checked on each hit instead (its path comes out of schema.yaml).

    The name as given, not collapsed as text: `link/../rules` is not `rules` where `link`
    is a symbolic link (the system follows the link, then goes up), so a textual
    normalisation served one folder's rule set, and knowledge base, for another. With the
    name as given and schema.yaml's bytes in the key, the knowledge-base path an entry
    holds (the directory's name joined to schema.yaml's `knowledge_base`) is the very path
    this load reads, and every position in the rule set names its file as this load would.
    Whether each file is a symbolic link is keyed too: a table's CSV may not be one (PF235),
    so the same bytes reached through a link are another load, refused."""
    code = code_stamp() if code is None else code
    # names as the system holds them (os.fsencode): one that is not UTF-8 is a surrogate escape here
    h = _digest(f"{FORMAT}|{versions}|{code}|{sys.version_info[:2]}|{_parser()}|".encode() + os.fsencode(directory))
    try:
        with os.scandir(directory) as entries:
            files = sorted((e.name, e.is_symlink()) for e in entries if read_by_name(e.name, (".yaml", ".csv")))
        for name, link in files:
            # one that is not a plain file, or is over the load's limit, is no key: the load reports it (PF100,
            # PF106); a pipe or a device is never opened here, nor a file read past the limit (nor whole)
            path = os.path.join(directory, name)
            info = os.stat(path)
            data = _read_regular(path, MAX_BYTES + 1) if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES \
                else None
            if data is None or len(data) > MAX_BYTES:
                return None
            # whether it is a link: a table's CSV may not be one (PF235), whatever bytes it leads to
            h.update(b"\0" + os.fsencode(name) + (b"\0L" if link else b"\0") + data)
    except OSError:
        return None
    return h.hexdigest()


def _parser() -> str:
    """The YAML parser the rule files are read with (load._BASE_LOADER): PyYAML's version, and
    libyaml's where PyYAML reads with it. Another could read the same bytes otherwise (a scalar
    resolved to another type, a mark at another column, a document refused)."""
    import yaml  # imported already: load.py reads with it

    from .load import _BASE_LOADER

    libyaml = yaml._yaml.get_version_string() if _BASE_LOADER is not yaml.SafeLoader else "-"
    return f"PyYAML {yaml.__version__} libyaml {libyaml}"


def file_digest(path: str) -> str | None:
    """The digest of a file no larger than a rule set may read (None otherwise, or if it
    cannot be read: a miss), read no further than that, whatever the file is."""
    data = _read_regular(path, MAX_BYTES + 1)
    return _digest(data).hexdigest() if data is not None and len(data) <= MAX_BYTES else None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# By descriptor where the system can: not on Windows, which has no user ids to check either.
_BY_DESCRIPTOR = os.open in os.supports_dir_fd and os.scandir in os.supports_fd and hasattr(os, "geteuid")


def _private(info: os.stat_result) -> bool:
    """Whether `info` is this user's, writable by no one else (Windows, no user ids: its ACLs decide)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or (info.st_uid == geteuid() and not info.st_mode & 0o022)


def open_folder(folder: str, make: bool = False) -> int | str | None:
    """The cache folder opened, if a directory `_private` holds to, reached as `_as_named`;
    else None. Opened once, looked at through its descriptor and every entry named relative to
    it (`at`), so what is read or written is in the folder checked: a name looked up twice can
    lead elsewhere the second time (a folder swapped under a shared XDG_CACHE_HOME). Windows:
    the name, all there is. With `make`, see cache_keep.made_private."""
    if not _BY_DESCRIPTOR:
        return folder if os.path.isdir(folder) else None
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not _as_named(folder, info):
            info = None
        elif make and stat.S_ISDIR(info.st_mode) and not _private(info):
            from .cache_keep import made_private

            info = made_private(fd, info)
    except OSError:
        info = None
    if info is None or not stat.S_ISDIR(info.st_mode) or not _private(info):
        os.close(fd)
        return None
    return fd


def _as_named(folder: str, info: os.stat_result) -> bool:
    """Whether the folder opened (`info`) is the one its name names, or the name is a link of
    this user's (a cache on another disk). A link another made, where others may write (a shared
    XDG_CACHE_HOME such as /tmp), leads where they chose: a folder of this user's that keeping
    an entry would make 700, write in, and prune of its `*.pickle` and `.*.tmp`."""
    link = os.lstat(folder)
    return link.st_uid == os.geteuid() if stat.S_ISLNK(link.st_mode) else os.path.samestat(link, info)


def at(where: int | str, name: str) -> tuple[str, int | None]:
    """(path, dir_fd) naming `name` in a folder open_folder opened, for os.open, replace, unlink."""
    return (name, where) if isinstance(where, int) else (os.path.join(where, name), None)


def _close(where) -> None:
    if isinstance(where, int):
        os.close(where)


def _read_regular(path: str, limit: int | None = None, dir_fd: int | None = None,
                  private: bool = False) -> bytes | None:
    """The bytes of `path` (no more than `limit`) if it is a plain file (if `private`, one
    `_private` holds to, with one link, not reached through one: pathfit writes each entry as
    a new file, so a link there is another's); None otherwise, or if it cannot be read. Opened
    non-blocking: opening a named pipe (FIFO) waits for a writer, for ever if none comes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (_NOFOLLOW if private else 0), dir_fd=dir_fd)
    except OSError:
        return None
    try:
        size = os.fstat(fd)
        if not stat.S_ISREG(size.st_mode) or (private and not (_private(size) and size.st_nlink == 1)):
            return None
        chunks, want = [], size.st_size + 1 if limit is None else limit
        while want > 0:  # to the end (or the limit), even if the file grew since fstat
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            if limit is not None:
                want -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def get(key: str):
    """The cached (ruleset, compiled) pair, if its knowledge base is unchanged too: checked
    at the path the entry holds, which is the path this load reads (key_for). Anything but a
    plain file where the entry or the knowledge base should be is a miss (`_read_regular`)."""
    folder = cache_dir()
    where = None if folder is None else open_folder(folder)
    if where is None:
        return None
    try:
        name, dir_fd = at(where, f"{key}.pickle")
        data = _read_regular(name, dir_fd=dir_fd, private=True)
    finally:
        _close(where)
    if data is None:
        return None
    first, _, pickled = data.partition(b"\n")
    if first != f"{key} {crc32(pickled):08x}".encode():  # another key, or damaged bytes
        return None
    try:
        kb_path, kb_digest, value = _loads(pickled)
    except Exception:  # a miss, whatever went wrong: the slow path is always right
        return None
    if file_digest(kb_path) != kb_digest:
        return None
    return value


def put(key: str, kb_path: str, kb_sha256: str | None, value) -> None:
    """Keep `value` (cache_keep.put): on a miss only, so that code is not imported on a hit."""
    from .cache_keep import put as keep

    keep(key, kb_path, kb_sha256, value)
