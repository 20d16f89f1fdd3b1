"""Output files, written one safe way for every command (batch, record, report, interview --save...).

Why one module: each command used to make its own temporary file, and each got
something wrong (a predictable name that followed a planted link, a spool
readable by others, a cleanup that raised over the real error). Here:

- an output that is a link, a device, a pipe, a directory or one of the
  command's own inputs is refused with a located error before any work
  (`check_target`);
- the temporary file is created beside the target, exclusively, never through
  a link (O_CREAT|O_EXCL|O_NOFOLLOW), mode 600, locked while the run has it, and
  removed on every exit path that Python sees; one a killed run left is removed
  when its output is next written (engine.leftovers); a spool that is never
  renamed is unlinked as soon as it is open, so even a kill leaves nothing
  behind (`spool`);
- a full disk, a read-only folder or a refused permission is a located error
  naming the file the user named, with nothing half-written (`Output`).
"""
from __future__ import annotations

import errno
import os
import stat
from typing import IO, Iterable

from .errors import PathfitError, Pos, fail
from .leftovers import HOLDS, hold, sweep
from .pipeline.yaml_names import read_as_rules

# O_CREAT|O_EXCL alone already refuses a name that exists, a link included (POSIX open());
# O_NOFOLLOW says so twice where the system has it (not Windows, where pathfit is untested)
_FLAGS = os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_BUFFER = 1 << 20


def reason(exc: OSError) -> str:
    """`No space left on device (ENOSPC)`: the words and the code a search finds."""
    code = errno.errorcode.get(exc.errno or 0, "")
    words = exc.strerror or str(exc)
    return f"{words} ({code})" if code else words


AUDIT_KEY_ENV = "PATHFIT_AUDIT_KEY_FILE"  # the audit key (engine/audit/masking.py)
SIGNING_KEY_ENV = "PATHFIT_SIGNING_KEY_FILE"  # the signing key (engine/audit/signing.py), its public half beside it


def key_files() -> list[str]:
    """The key files the environment names, which no output may replace whatever the
    command: a batch's `--out` written over the audit key lost it, and every record it
    had sealed with it."""
    audit, signing = os.environ.get(AUDIT_KEY_ENV), os.environ.get(SIGNING_KEY_ENV)
    return [path for path in (audit, signing, signing and signing + ".pub") if path]


def same_output(one: str | os.PathLike, other: str | os.PathLike) -> bool:
    """Whether two outputs name one file: the same path once links are resolved (a file not
    written yet has no inode to compare), or the same file now (a hard link)."""
    if os.path.realpath(one) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


APPENDED = "the records would be appended to it"  # check_target's `fate` for an audit log, never replaced


def check_target(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (), what: str = "output",
                 code: str = "PF618", fate: str = "it would be replaced", rules: str | None = None) -> None:
    """Refuse, before any work, an output that writing would misuse: a symbolic
    link (the write would land wherever it points), anything but a regular file
    (a device, a pipe, a directory), one of `inputs` or a key file the environment
    names (`fate` says what writing would do to it: an audit log is appended to,
    not replaced), a file the rule set in the directory `rules` would read as its own
    YAML, a folder that does not exist, or `-`, which a user means as standard
    output and would otherwise find written as a file called -."""
    path = os.fspath(path)
    if path == "-":  # the usual name of standard output, which no output of pathfit's is written to
        raise fail(code, f"{what}: '-' is taken as no file and not as standard output; name the file "
                         "(./- for a file called -)", Pos(path))
    try:
        folder = os.path.dirname(os.path.abspath(path))
    except OSError:  # a relative path in a working directory deleted under the shell: no folder to write in
        raise fail(code, f"{what}: the working directory no longer exists; name the file by its full path, "
                         "or change to a directory that exists", Pos(path)) from None
    if not os.path.isdir(folder):
        said = f"{folder} is not a folder" if os.path.lexists(folder) else f"the folder {folder} does not exist"
        raise fail(code, f"{what}: {said}", Pos(path))
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise fail(code, f"{what}: cannot examine it: {reason(exc)}", Pos(path)) from None
    if info is not None:
        _existing(path, info, inputs, what, code, fate)
    read_as = read_as_rules(path, rules) if rules is not None else None
    if read_as is not None:  # after the above: one of the rule set's own files is said to be that
        raise fail(code, f"{what} would be read as {read_as} of the rule set in {rules}, which it would then "
                         "break; name it otherwise, or write it elsewhere", Pos(path))


def is_folder(path: str | os.PathLike) -> bool:
    """A directory itself (not a link to one): an output check_target refuses as what it is."""
    return os.path.isdir(path) and not os.path.islink(path)


def _existing(path: str, info: os.stat_result, inputs: Iterable, what: str, code: str, fate: str) -> None:
    """check_target's refusals of a file that is there: a link, not a regular file, an input."""
    if stat.S_ISLNK(info.st_mode):
        raise fail(code, f"{what} is a symbolic link; name the file itself (links are never written through)",
                   Pos(path))
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        raise fail(code, f"{what} is {kind}, not a regular file", Pos(path))
    for other in (*inputs, *key_files()):
        try:
            if os.path.samestat(info, os.stat(other)):
                raise fail(code, f"{what} is the same file as {os.fspath(other)}; {fate}", Pos(path))
        except OSError:
            continue

def _create(folder: str, name: str, target: str, access: int = os.O_WRONLY, code: str = "PF619") -> tuple[int, str]:
    """A new file `.NAME.partial-PID-RANDOM` in `folder`: exclusive, no link followed, mode 600."""
    for _ in range(16):
        tmp = os.path.join(folder, f".{name}.partial-{os.getpid()}-{os.urandom(6).hex()}")
        try:
            fd = os.open(tmp, _FLAGS | access, 0o600)
        except FileExistsError:
            continue  # something already holds the name (a planted link): take another
        except OSError as exc:
            raise fail(code, f"cannot create a temporary file in {folder or '.'}: {reason(exc)}; "
                       "nothing was written", Pos(target)) from None
        hold(fd)  # what tells it from one a killed run left (engine.leftovers)
        try:
            if hasattr(os, "fchmod"):  # Windows before Python 3.13 has none, and no such modes
                os.fchmod(fd, 0o600)  # whatever the umask
        except OSError:
            pass
        return fd, tmp
    raise fail(code, f"cannot create a temporary file in {folder or '.'}: every name tried exists", Pos(target))


class Output:
    """The file `target`, written whole or not at all:

        with Output("results.jsonl") as out:
            out.write(text)
            out.commit()          # fsync, then rename into place

    Until `commit` the data are in a temporary file beside the target; leaving
    the block without committing (an error, Ctrl-C) removes it. `replace=False`
    never replaces an existing target (records are evidence): the commit is a
    hard link, which fails if the name exists. An OSError becomes PF619 (or
    `code`) located at the target."""

    def __init__(self, target: str | os.PathLike, replace: bool = True, code: str = "PF619"):
        self.target = os.fspath(target)
        self.replace, self.code = replace, code
        self._fd: int | None = None
        self._tmp: str | None = None
        self._buffer = bytearray()
        self.committed = self._prepared = False

    def __enter__(self) -> "Output":
        folder, name = os.path.split(self.target)
        sweep(folder, name)  # what a run killed outright left of this output
        self._fd, self._tmp = _create(folder, name, self.target, code=self.code)
        return self

    def write(self, data: str | bytes) -> None:
        self._buffer += data.encode("utf-8") if isinstance(data, str) else data
        if len(self._buffer) >= _BUFFER:
            self._flush()

    def _flush(self) -> None:
        try:
            view = memoryview(self._buffer)
            while view:
                view = view[os.write(self._fd, view):]
            del view
            self._buffer.clear()
        except OSError as exc:
            raise self._error(exc) from None

    def _error(self, exc: OSError) -> PathfitError:
        return fail(self.code, f"cannot write: {reason(exc)}; nothing was written", Pos(self.target))

    def prepare(self) -> None:
        """Write and fsync every byte, leaving only the rename for `commit`: a
        caller that must commit something else first (a batch's audit records)
        then has as little as possible left to fail after it."""
        if self._fd is None or self._prepared:
            return
        self._flush()
        try:  # kept open, and so locked, until the end: the file is this live run's (engine.leftovers)
            os.fsync(self._fd)
            self._prepared = True
        except OSError as exc:
            raise self._error(exc) from None

    def commit(self) -> None:
        self.prepare()
        try:
            if not HOLDS and self._fd is not None:  # no lock to keep (Windows renames no file held open)
                self._fd = os.close(self._fd)
            if self.replace:
                os.replace(self._tmp, self.target)
                self._tmp = None
            else:
                _link_new(self._tmp, self.target)
        except FileExistsError:
            raise fail("PF612", "file exists; it is never overwritten", Pos(self.target)) from None
        except OSError as exc:
            raise self._error(exc) from None
        self.committed = True
        fsync_dir(os.path.dirname(self.target) or ".")

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass  # never raise over the error that brought us here


def _link_new(tmp: str, target: str) -> None:
    """Give `tmp` the name `target` unless that name exists; on a file system
    without hard links, copy it into an exclusively created target instead."""
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
    with open(tmp, "rb") as src:
        data = src.read()
    fd = os.open(target, _FLAGS | os.O_WRONLY, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError:
        os.close(fd)
        os.unlink(target)
        raise
    os.close(fd)


def write_atomic(path: str | os.PathLike, text: str | bytes, replace: bool = True, code: str = "PF619") -> None:
    """Write a whole file or nothing."""
    with Output(path, replace=replace, code=code) as out:
        out.write(text)
        out.commit()


def check_creatable(path: str | os.PathLike, code: str = "PF619") -> None:
    """Refuse (`code`) before any work an output whose folder takes no new file (read-only, a permission
    refused), tried as `Output` tries it: a temporary file beside it, removed at once, in the folder as named."""
    fd, tmp = _create(*os.path.split(os.fspath(path)), os.fspath(path), code=code)  # `lnk/..` read by the system
    os.close(fd)
    os.unlink(tmp)


def spool(beside: str | os.PathLike) -> IO[bytes]:
    """A scratch file (read and write) in the folder of `beside`, with no name:
    created exclusively, mode 600, unlinked at once, so nobody else can open it
    and no exit, not even a kill, leaves it behind."""
    target = os.fspath(beside)
    fd, tmp = _create(os.path.dirname(target), os.path.basename(target), target, os.O_RDWR)
    try:
        os.unlink(tmp)
    except OSError as exc:
        os.close(fd)
        raise fail("PF619", f"cannot set up a scratch file beside it: {reason(exc)}", Pos(target)) from None
    return os.fdopen(fd, "w+b")


def fsync_dir(directory: str | os.PathLike) -> None:
    """Make a new directory entry durable (a file's fsync does not cover its name)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
