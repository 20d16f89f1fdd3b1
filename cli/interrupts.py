"""Stopping a command cleanly: Ctrl-C, SIGTERM where a command treats it as Ctrl-C, and an
interview's terminal hanging up."""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import IO, Iterator

INTERRUPTED = 130  # 128 + SIGINT: the status a shell expects of a tool Ctrl-C stopped
HUNG_UP = 129  # 128 + SIGHUP: nobody is left to read it, but a supervisor's log may


def let_go(status: int) -> int:
    """`status`, a stopped command's, once what the standard streams still hold is dropped, so the
    exit's flush waits for no reader. Every piece of output is flushed as it is written: what is
    left is the rest of a write the stop cut short, held because its descriptor was not taking
    it (a pipe nobody reads, `| sleep 1000`), and a stopped command ends at once, saying nothing
    more. The descriptors stay open: only Python's file objects over them are closed."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        raw = getattr(getattr(stream, "buffer", None), "raw", None)
        if getattr(raw, "closefd", True) is False:  # the process's own (or cli/streams.py's)
            raw.close()
    return status


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as Ctrl-C is and caught wherever Ctrl-C is; told apart only where a
    person's Ctrl-C means something else (declining the interview's save prompt), which a
    supervisor's stop never does."""


def raise_interrupt(signum: int, frame: object) -> None:
    """A SIGTERM handler for the commands that stop cleanly on Ctrl-C (batch, interview): a
    supervisor's stop gets the same clean stop (nothing half-written, an interview's answers
    kept), never a process killed halfway."""
    raise Terminated


def term_as_interrupt() -> object:
    """Make SIGTERM Ctrl-C's (raise_interrupt) -> the handler it had, to be put back. A SIGTERM
    ignored when pathfit started (`trap '' TERM`, a supervisor's choice) stays ignored."""
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_IGN:
        signal.signal(signal.SIGTERM, raise_interrupt)
    return previous


class HungUp(KeyboardInterrupt):
    """The terminal went away (a dropped connection, a closed window): nothing more can be
    asked or said on it."""


class Conversation:
    """The signals of an interview while it runs: SIGTERM is Ctrl-C's, as in batch, and SIGHUP
    raises HungUp, where it would end the process with the answers lost; either is left
    ignored where it was ignored when pathfit started (`nohup`, `trap '' HUP`), as Ctrl-C is.
    `hung_up` stays true once the terminal has gone: a terminal library cleaning up on a dead
    terminal can raise an OSError over the HungUp, and the answers must be kept all the same.
    `kept` is set once an early end has kept the answers: a stdout that then fails to take the
    last word must not have them kept again (a second --save is refused: the file exists)."""

    def __enter__(self) -> Conversation:
        self.hung_up = self._holding = self.kept = False
        self._previous = {signal.SIGTERM: term_as_interrupt()}
        hang_up = getattr(signal, "SIGHUP", None)  # Windows has no hang-up to handle
        if hang_up is not None and signal.getsignal(hang_up) is not signal.SIG_IGN:  # nohup's: left ignored
            self._previous[hang_up] = signal.signal(hang_up, self._hang_up)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _hang_up(self, signum: int, frame: object) -> None:
        self.hung_up = True
        if not self._holding:  # else raised once what is held is done
            raise HungUp

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold a hang-up off while a decision is made and recorded: the record is written whole,
        then the hang-up is raised and the answers kept. Not by blocking the signal, which another
        thread of the process (a terminal library's) could still take, but in the handler, which
        Python runs in this thread. Ctrl-C and SIGTERM still stop it there, as before (a record
        cut short is what `audit verify` finds and `--repair` sets aside)."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self.hung_up:
            raise HungUp


class HeldInterrupt:
    """Ctrl-C held off while a piece of output is written, then raised: a write a signal
    interrupts may have written part of its text, and output stopped in the middle of a line
    reads as a line that is whole. A second Ctrl-C is raised at once (a reader that takes
    nothing more must not keep the command from stopping). Only where Ctrl-C is Python's
    own KeyboardInterrupt, in the main thread: a Ctrl-C ignored or handled otherwise is left so."""

    def __enter__(self) -> HeldInterrupt:
        self.pending, self._previous = False, None
        try:
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                self._previous = signal.signal(signal.SIGINT, self._interrupt)
        except ValueError:  # not the main thread, where no handler can be set
            pass
        return self

    def _interrupt(self, signum: int, frame: object) -> None:
        if self.pending:
            raise KeyboardInterrupt
        self.pending = True

    def __exit__(self, kind: object, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        if self.pending and kind is None:
            raise KeyboardInterrupt


def wait_for_a_line(stdin: IO[str]) -> None:
    """Wait until the terminal `stdin` has a line to read, or a signal has come, before a prompt
    reads its answer. A signal that lands after Python last looked for one and before the read
    blocks sets only a flag nothing looks at until the read returns, so a supervisor's SIGTERM
    waited for someone to press Enter; here the signal also writes to a wake-up descriptor waited
    on with the terminal, so the wait ends at once and the handler runs as it returns. A terminal
    reads a whole line at a time: once it is readable, the read does not block, and no line read
    is left in the stream's buffer, where its descriptor would not show it. Passed over where that
    does not hold (a pipe, a file, a terminal out of canonical mode, `stty -icanon`, whose read
    takes every answer typed ahead into the buffer), where there is no descriptor (a caller's own
    stream, or none left for the wake-up, or one numbered past what select takes, as in a process
    started holding over a thousand), off the main thread, or on Windows."""
    import os
    import select
    import sys

    try:
        fd = stdin.fileno()
        if not stdin.isatty():
            return
    except (AttributeError, OSError, ValueError):
        return
    if sys.platform == "win32":
        return
    import termios

    try:  # a line at a time only in canonical mode: else answers typed ahead wait unseen in the buffer
        if not termios.tcgetattr(fd)[3] & termios.ICANON:
            return
    except termios.error:
        return
    try:  # in the background of a shell's job control, the read stops the process (SIGTTIN): the
        if os.tcgetpgrp(fd) != os.getpgrp():  # shell then says it waits for input; a wait would not
            return
    except OSError:  # not this process's controlling terminal: no job control to keep
        pass
    try:
        wake_read, wake_write = os.pipe()
    except OSError:  # no descriptor left for it (the process's limit): read as before, not "stdin failed"
        return
    try:
        os.set_blocking(wake_read, False)
        os.set_blocking(wake_write, False)
        try:
            previous = signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
        except ValueError:  # not the main thread
            return
        try:  # a signal due before the wake-up was set is handled as set_wakeup_fd returns
            while fd not in select.select([fd, wake_read], [], [])[0]:
                os.read(wake_read, 512)  # a signal whose handler raised nothing: wait on
        except ValueError:  # a descriptor numbered past select's range (FD_SETSIZE): read as before
            return
        finally:
            signal.set_wakeup_fd(previous)
    finally:
        os.close(wake_read)
        os.close(wake_write)
