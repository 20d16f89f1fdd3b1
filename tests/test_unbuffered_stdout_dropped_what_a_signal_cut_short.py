"""Regression: run unbuffered (`python -u`, PYTHONUNBUFFERED=1, common in containers),
pathfit's standard output sat on Python's raw file, whose text layer drops whatever a write cut
short by a signal did not write: a listing held Ctrl-C until its piece was written (so that it
ends at a line's end), but the piece came back short from a full pipe and the rest was lost,
mid-line. Now the streams are buffered writers under the text layer, which write the rest."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

CHILD = """
import os, signal, sys, time
sys.argv[0] = "pathfit"
from pathfit.cli import main
main._standard_streams()
import click
held = []
signal.signal(signal.SIGINT, lambda *a: held.append(1))  # held off, as a listing holds it
os.write(2, b"ready\\n")
click.echo("\\n".join(f"{i:06d} " + "x" * 60 for i in range(2000)))  # more than a pipe holds
sys.stdout.flush()
os.write(2, b"held %d\\n" % len(held))
os._exit(0)
"""


@pytest.mark.parametrize("unbuffered", ["1", None])
def test_a_write_a_signal_cuts_short_is_written_whole(unbuffered):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stderr.readline() == b"ready\n"
    time.sleep(1.0)  # its write blocked on the full pipe, nobody reading
    child.send_signal(signal.SIGINT)
    out = child.stdout.read()
    err = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert child.wait(timeout=30) == 0
    assert err == b"held 1\n"  # the signal did come while it wrote
    assert out == ("\n".join(f"{i:06d} " + "x" * 60 for i in range(2000)) + "\n").encode()
