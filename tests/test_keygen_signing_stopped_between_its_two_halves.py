"""Regression: `pathfit audit keygen --signing FILE` stopped by SIGTERM (a supervisor, `timeout`)
or Ctrl-C after writing the private key and before its public half left FILE without FILE.pub:
a key whose public half no auditor can be given, which every later keygen refuses to replace
(PF612). The pair is now written whole whatever the signal: SIGTERM and Ctrl-C wait for both
halves (each itself written whole), then take effect."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from .helpers import ROOT

# pathfit's keygen, with the signal sent to itself just as the public half is about to be written
STOPPED = """
import os, signal, sys
import pathfit.engine.audit.signing as signing
signum, target = int(sys.argv[1]), sys.argv[2]
real = signing.write_atomic
def write(path, *args, **kwargs):
    if str(path).endswith(".pub"):
        os.kill(os.getpid(), signum)
    return real(path, *args, **kwargs)
signing.write_atomic = write
from pathfit.cli.main import main
sys.argv = ["pathfit", "audit", "keygen", "--signing", target]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signing_key_is_never_left_without_its_public_half(tmp_path, signum):
    key = tmp_path / "signing.key"
    done = subprocess.run([sys.executable, "-c", STOPPED, str(int(signum)), str(key)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (-signal.SIGTERM, 130), done.stderr  # stopped, as asked
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names in ([], ["signing.key", "signing.key.pub"]), (names, done.stderr)
