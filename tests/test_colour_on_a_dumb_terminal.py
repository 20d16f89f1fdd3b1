"""Regression: on a terminal that says it is dumb (TERM=dumb, as an editor's shell buffer
does) `recommend` still wrote bold as escape sequences, which such a terminal prints as text;
FORCE_COLOR, which CI logs set to keep colour, was not honoured. Now TERM=dumb gets no escape
sequence, FORCE_COLOR gets colour even into a pipe, and NO_COLOR wins over both."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import ROOT, on_a_terminal

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
BOLD = b"\x1b[1m"


def _env(**more: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    return {**env, **more}


def _on_a_terminal(env: dict) -> bytes:
    return on_a_terminal([sys.executable, "-m", "pathfit.cli.main", "recommend", "--profile", EXAMPLE], ROOT, env,
                         stream="stdout")


@pytest.mark.parametrize("env,bold", [
    (_env(TERM="xterm"), True),
    (_env(TERM="dumb"), False),
    (_env(TERM="dumb", FORCE_COLOR="1"), True),
    (_env(TERM="xterm", NO_COLOR="1", FORCE_COLOR="1"), False),
], ids=["xterm", "dumb", "dumb-forced", "no-color-wins"])
def test_bold_on_a_terminal_unless_it_is_dumb_or_no_color(env: dict, bold: bool) -> None:
    seen = _on_a_terminal(env)
    assert b"Recommendation" in seen
    assert (BOLD in seen) is bold and (b"\x1b[" in seen) is bold


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    def piped(env: dict) -> bytes:
        return subprocess.run([sys.executable, "-m", "pathfit.cli.main", "recommend", "--profile", EXAMPLE], cwd=ROOT,
                              capture_output=True, env=env, timeout=60).stdout
    assert BOLD not in piped(_env())
    assert BOLD in piped(_env(FORCE_COLOR="1"))
    assert b"\x1b[" not in piped(_env(FORCE_COLOR="1", NO_COLOR="1"))
