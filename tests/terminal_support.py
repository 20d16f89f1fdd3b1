"""A pseudo-terminal (pexpect) running `pathfit interview`, answering prompt_toolkit's
cursor-position requests as a terminal would: for the tests that drive the interview as a
person at a terminal does."""
from __future__ import annotations

import io
import os
import pty
import signal
import sys

import pexpect

from .helpers import ROOT

DOWN, UP, LEFT, RIGHT, HOME, END = "\x1b[B", "\x1b[A", "\x1b[D", "\x1b[C", "\x1b[H", "\x1b[F"
CPR = r"\x1b\[6n"  # prompt_toolkit asks where the cursor is
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # what a terminal sends around a bracketed paste


class Terminal:
    def __init__(self, *args: str, env: dict | None = None):
        env = {**{k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}, **(env or {})}
        env.update(TERM="xterm", PYTHONPATH=os.pathsep.join(sys.path))
        self.child = pexpect.spawn(sys.executable, ["-m", "pathfit.cli.main", "interview", *args], env=env,
                                   cwd=str(ROOT), encoding="utf-8", timeout=20, dimensions=(30, 100))
        self.seen = ""

    def expect(self, pattern: str) -> None:
        while True:
            index = self.child.expect([pattern, CPR])
            self.seen += self.child.before + (self.child.after if index == 0 else "")
            if index == 0:
                return
            self.child.send("\x1b[1;1R")

    def list_for(self, number: int) -> None:
        """Wait until question `number` shows its list."""
        self.expect(f"Q{number}\\.")
        self.expect("Enter (chooses|confirms)")

    def to_the_needs(self) -> None:
        """Answer the three yes/no screening questions No (typed `2`) and wait for the fourth,
        the bundled rules' needs: a set of 14 choices."""
        for number in (1, 2, 3):
            self.list_for(number)
            self.send("2\r")
        self.list_for(4)

    def typed_for(self, number: int) -> None:
        self.expect(f"Q{number}\\.")
        self.expect("Enter answers")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> str:
        self.expect("Recommendation")
        self.child.expect(pexpect.EOF)
        self.seen += self.child.before
        self.child.close()
        assert self.child.exitstatus == 0, self.seen
        return self.seen

    def hang_up(self) -> int:
        """Close the terminal, as a window closing or a connection dropping does (the kernel
        sends the interview SIGHUP), and wait for the interview to end -> its exit status."""
        self.child.ptyproc.fileobj.close()  # the terminal's end, through the file object pexpect reads it by
        self.child.closed = self.child.ptyproc.closed = True  # closed here: pexpect must not close it again
        _, status = os.waitpid(self.child.pid, 0)
        return os.waitstatus_to_exitcode(status)


SAVE_PROMPT = "Save these answers as a profile? File name (Enter to skip): "


def signalled_at_the_save_prompt(child: pexpect.spawn, signum: int, wait: float = 2) -> str:
    """Send `signum` to the interview `child` once it waits at its save prompt, and read it to its
    end -> all it wrote after the prompt (lines ended "\\n"). Sent once: the prompt takes a signal
    wherever it lands, also just before its wait begins (cli/interrupts.py wait_for_a_line), and a
    second one could end the process as it ends, its handler put back. Read in waits of `wait`
    seconds, up to 15: a wait that ends unanswered keeps what it read (pexpect gives it again with
    what the next wait reads), so what was written is read once, by the last wait."""
    child.expect_exact(SAVE_PROMPT)
    child.kill(signum)
    for _ in range(15):
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=wait) == 0:
            break
    if child.after is not pexpect.EOF:
        child.expect(pexpect.EOF)
    return child.before.replace("\r\n", "\n")


def stopped_while_waiting(child: pexpect.spawn) -> tuple[bool, str]:
    """SIGTERM to the interview `child`, which waits for a line -> (whether it ended within 10 s,
    all it wrote since, lines ended "\\n"), the child closed."""
    child.kill(signal.SIGTERM)
    ended = child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=10) == 0
    rest = child.before.replace("\r\n", "\n")
    child.close(force=True)
    return ended, rest


def line_read_past_a_failed_wait(monkeypatch, where: object, name: str, failing) -> str:
    """The line `1` typed at a terminal, read after cli/interrupts.py wait_for_a_line with
    `where.name` made `failing`: a wait that cannot be made must leave the line to be read as
    before it was added."""
    from pathfit.cli.interrupts import wait_for_a_line

    master, slave = pty.openpty()
    stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(slave, "r", closefd=True)), encoding="utf-8")
    monkeypatch.setattr(where, name, failing)
    try:
        os.write(master, b"1\n")
        wait_for_a_line(stdin)
        return stdin.readline()
    finally:
        stdin.close()
        os.close(master)
