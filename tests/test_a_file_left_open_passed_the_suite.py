"""A test that leaves a file, pipe or socket open fails, under the project's own pytest settings
(pyproject.toml) and without `-X dev`: the ResourceWarning raised while the test runs, and the
one a finalizer reports later (an object in a reference cycle, collected when the collector
runs), each fails the run. Before, such warnings were hidden, or only listed in the summary
under `-X dev`, where a leak in pathfit would have passed among the tests' own."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import ROOT

LEAKS = {
    "dropped": """
def test_leaves_it_open(tmp_path):
    (tmp_path / "f").write_text("x")
    assert open(tmp_path / "f").read() == "x"
""",
    "in_a_cycle": """
import gc

def test_leaves_it_open_in_a_cycle(tmp_path):
    (tmp_path / "f").write_text("x")
    holder = {"file": open(tmp_path / "f")}
    holder["self"] = holder
    del holder
    gc.collect()
""",
    "socket": """
import socket

def test_leaves_a_socket_open():
    socket.socket()
""",
}


def _run(tmp_path, text: str) -> subprocess.CompletedProcess:
    """The one test in a run of its own, with pyproject.toml's options as they are (`-n auto`
    included, so it runs in an xdist worker, as every test of the suite does). `auto` is made
    one worker, as on a one-core machine: a second would only start and collect, with no test
    left for it, and starting one costs as much as the test itself."""
    (tmp_path / "test_leak.py").write_text(text)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path),
                           str(tmp_path / "test_leak.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTEST_XDIST_AUTO_NUM_WORKERS": "1"})


@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_a_test_that_leaves_a_resource_open_fails(tmp_path, leak):
    done = _run(tmp_path, LEAKS[leak])
    assert done.returncode == 1 and "ResourceWarning" in done.stdout, done.stdout + done.stderr
    assert "1 failed" in done.stdout, done.stdout


def test_a_test_that_closes_what_it_opens_passes(tmp_path):
    done = _run(tmp_path, """
def test_closes_it(tmp_path):
    (tmp_path / "f").write_text("x")
    with open(tmp_path / "f") as f:
        assert f.read() == "x"
""")
    assert done.returncode == 0 and "1 passed" in done.stdout and "warning" not in done.stdout, done.stdout
