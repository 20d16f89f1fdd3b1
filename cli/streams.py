"""The standard streams as pathfit writes them, whatever they are connected to.

Why this module: a command's output goes to pipes, files, closed descriptors and
terminals in every locale, and each used to fail its own way. A full disk
(`>/dev/full`) was called an internal error, a closed stdout (`>&-`) ended in a
traceback, a reader that stops early (`| head -1`) gave exit status 1 (which
pathfit uses for rows with errors and logs that do not verify), and a character
the locale's encoding lacks (a label in latin-1, a tree line in ASCII) ended the
command half-printed. Once for every command (the common case, the process's own streams open
and UTF-8, is cli/main.py's `_standard_streams`, which does what applies of this without
importing it; this module is loaded for anything else, or where a write fails):

- a standard descriptor that is closed is held open on /dev/null, so no file the
  command opens takes its number (and its output), and writing a closed stdout
  fails as writing it does: with EBADF;
- writing standard output that fails is `StdoutFailed`, never an OSError a
  command's handler for its own files would take for a file's problem: a reader
  gone (EPIPE) ends the command silently with status 141, as a tool killed by
  SIGPIPE ends; anything else (a full disk, a closed stdout) is PF619 naming
  `<stdout>`, exit status 2;
- text is written in the stream's own encoding (the locale's, or
  PYTHONIOENCODING's), never UTF-8 behind an ASCII locale's back: the tree's
  lines in ASCII where the encoding lacks them, any other character it lacks
  escaped as `\\u2192` (as control characters are), so nothing is lost or
  garbled silently;
- standard input is read in its encoding too, a byte it cannot decode kept as
  an escape (`\\udcc3`), so an interview answer in another encoding is refused
  and shown as read, never an internal error; left non-blocking, it is waited
  for as an ordinary pipe is, never taken as ended (or a profile as cut short)
  where the writer has not written yet;
- a stream left non-blocking (O_NONBLOCK, set on the pipe or terminal by whatever
  started pathfit) is waited for where it is full, until it can take more: a slow
  reader is no failure (EAGAIN is never PF619, nor a message cut short);
- writing standard error that fails is dropped: there is nowhere left to say so,
  and the exit status still says how the command ended.
"""
from __future__ import annotations

import errno
import io
import os
import sys

SIGPIPE_STATUS = 141  # 128 + SIGPIPE: the status a shell shows for a tool a closed pipe killed
WRITE_FAILED_STATUS = 2
_TREE = {"├": "|", "└": "`", "│": "|", "─": "-"}  # engine/explain/how.py's tree lines, in ASCII


class StdoutFailed(Exception):
    """Standard output could not be written. Not an OSError: handlers for a command's own
    files (which turn an OSError into PF619 naming that file) and click's own EPIPE
    handling (exit status 1) must let it pass."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _Stream(io.TextIOWrapper):
    """A standard stream over the same bytes, in the same encoding, whose write
    failures are the command's to judge (stdout) or dropped (stderr)."""

    def __init__(self, buffer, encoding: str, is_stdout: bool, line_buffering: bool, write_through: bool) -> None:
        super().__init__(buffer, encoding=encoding, errors="backslashreplace", line_buffering=line_buffering,
                         write_through=write_through)
        self._is_stdout = is_stdout
        self._tree = None if _encodes(encoding, "".join(_TREE)) else str.maketrans(_TREE)

    def write(self, text: str) -> int:
        if self._tree is not None:
            text = text.translate(self._tree)
        try:
            return super().write(text)
        except OSError as exc:
            return self._failed(exc, len(text))

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            self._failed(exc, 0)

    def _failed(self, exc: OSError, size: int) -> int:
        if self._is_stdout:
            raise StdoutFailed(exc) from None
        return size


class _Waiting(io.BufferedWriter):
    """A buffered writer that waits where its descriptor is non-blocking and full, rather
    than fail with EAGAIN. The buffered writer keeps what it could not write and says how
    much of a write it took (BlockingIOError.characters_written), so the rest is written
    once the descriptor can take more: nothing is lost or written twice."""

    def write(self, data) -> int:
        view = memoryview(data).cast("B")
        taken = 0
        while True:
            try:
                return taken + super().write(view[taken:])
            except BlockingIOError as exc:
                taken += exc.characters_written
                _wait_until_writable(self.raw.fileno())

    def flush(self) -> None:
        while True:
            try:
                return super().flush()
            except BlockingIOError:
                _wait_until_writable(self.raw.fileno())


class _WaitingIn(io.FileIO):
    """Standard input that waits where its descriptor is non-blocking and has nothing yet.
    The raw file says None there, which a buffered reader passes on as nothing read (a
    profile's read() said None) or as the end of what the writer had written so far (a
    line not come yet read as the end of the input)."""

    def readinto(self, into) -> int:
        while True:
            got = super().readinto(into)
            if got is not None:
                return got
            _wait_until(self.fileno(), readable=True)

    def readall(self) -> bytes:
        chunks = []
        chunk = bytearray(io.DEFAULT_BUFFER_SIZE)
        while got := self.readinto(chunk):
            chunks.append(bytes(chunk[:got]))
        return b"".join(chunks)


def _wait_until_writable(fd: int) -> None:
    _wait_until(fd, readable=False)


def _wait_until(fd: int, readable: bool) -> None:
    import select  # only where a non-blocking stream was full, or empty

    select.select([fd] if readable else [], [] if readable else [fd], [])


def _encodes(encoding: str, text: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def install() -> None:
    """Hold closed standard descriptors open on /dev/null and put the guarded streams in
    place of sys.stdin, sys.stdout and sys.stderr where they are still Python's own (which
    stay as sys.__stdin__, ...)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            held = os.open(os.devnull, os.O_RDONLY)  # the lowest free number: this one
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
    old = sys.stdin
    if _the_processs_own("stdin"):
        buffer = io.BufferedReader(_WaitingIn(0, "rb", closefd=False))
        sys.stdin = io.TextIOWrapper(buffer, encoding=getattr(old, "encoding", None) or "utf-8",
                                     errors="surrogateescape", line_buffering=bool(getattr(old, "line_buffering", False)))
    for name, fd in (("stdout", 1), ("stderr", 2)):
        old = getattr(sys, name)
        if not _the_processs_own(name):
            continue
        encoding = getattr(old, "encoding", None) or "utf-8"
        line_buffering = bool(getattr(old, "line_buffering", False))
        write_through = bool(getattr(old, "write_through", name == "stderr"))
        # a buffered writer, even where Python's is unbuffered (`python -u`, PYTHONUNBUFFERED):
        # Python's text layer drops what a write cut short by a signal did not write; a
        # buffered writer writes the rest, and waits where the descriptor is non-blocking
        buffer = _Waiting(io.FileIO(fd, "wb", closefd=False))
        setattr(sys, name, _Stream(buffer, encoding, name == "stdout", line_buffering, write_through))


def _the_processs_own(name: str) -> bool:
    """Whether sys.<name> is still the stream Python opened (or none, its descriptor closed):
    a caller that put its own there (a test capturing output, a program running pathfit's
    command line inside itself) keeps it."""
    current = getattr(sys, name)
    return current is None or current is getattr(sys, f"__{name}__")


def failed(exc: BaseException) -> StdoutFailed:
    """`exc`, a failure to write standard output, as StdoutFailed (as it is already when it
    came through this module's stream)."""
    return exc if isinstance(exc, StdoutFailed) else StdoutFailed(exc)


def stdout_failed(exc: StdoutFailed) -> int:
    """The exit status for standard output that could not be written, saying why on stderr
    unless the reader simply went away."""
    if exc.error.errno == errno.EPIPE:
        return SIGPIPE_STATUS
    from pathfit.engine.errors import Pos, fail
    from pathfit.engine.files import reason

    for problem in fail("PF619", f"cannot write standard output: {reason(exc.error)}", Pos("<stdout>")).problems:
        try:
            sys.stderr.write(problem.format() + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    return WRITE_FAILED_STATUS
