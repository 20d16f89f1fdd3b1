"""At a terminal, Ctrl-Z suspends the interview, in a list as in a typed answer, as at any
prompt a shell runs (`fg` brings the question back).

Regression: Ctrl-Z did nothing in a list, and in a typed answer typed a control character
into it: `^Z20` was refused as "\\u001a20" is not a number. Here the interview runs with a
SIGTSTP handler that says it was suspended and carries on, as `fg` would have it: a test
process has no shell whose job control would stop and resume it."""
from __future__ import annotations

import os
import signal
import sys

import pexpect
import yaml

from .helpers import ROOT
from .terminal_support import CPR, Terminal

SUSPENDS = ("import signal, sys\n"
            "signal.signal(signal.SIGTSTP, lambda *_: print('SUSPENDED', flush=True))\n"
            "from pathfit.cli.main import main\n"
            "sys.argv = ['pathfit', 'interview', *sys.argv[1:]]\n"
            "main()\n")


def _suspendable(*args: str) -> Terminal:
    term = Terminal.__new__(Terminal)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm", PYTHONPATH=os.pathsep.join(sys.path))
    term.child = pexpect.spawn(sys.executable, ["-c", SUSPENDS, *args], env=env, cwd=str(ROOT), encoding="utf-8",
                               timeout=20, dimensions=(30, 100))
    term.seen = ""
    return term


def test_ctrl_z_suspends_a_list_and_a_typed_answer(tmp_path):
    assert hasattr(signal, "SIGTSTP") and CPR
    saved = tmp_path / "person.yaml"
    term = _suspendable("--save", str(saved))
    term.list_for(1)
    term.send("\x1a")
    term.expect("SUSPENDED")
    term.expect("Enter chooses")  # the list again, as it was
    for number in (1, 2, 3):
        term.send("2\r")
        term.list_for(number + 1)
    term.send("1 \r")
    term.list_for(5)
    term.send("1\r")
    term.typed_for(6)
    term.send("\x1a")
    term.expect("SUSPENDED")
    term.expect("Enter answers")
    term.send("20\r")
    term.list_for(7)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text())["hours_per_month"] == 20
