"""A test that leaves a file, pipe or socket open fails, under the project's own pytest settings
(pyproject.toml) and without `-X dev`: the ResourceWarning raised while the test runs, and the
one a finalizer reports later (an object in a reference cycle, collected when the collector
runs), each fails the run. Before, such warnings were hidden, or only listed in the summary
under `-X dev`, where a leak in pathfit would have passed among the tests' own."""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

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

CLOSES = """
def test_closes_it(tmp_path):
    (tmp_path / "f").write_text("x")
    with open(tmp_path / "f") as f:
        assert f.read() == "x"
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The tests above, each in a file of its own, in one run with pyproject.toml's options as
    they are (`-n auto` included, so they run in an xdist worker, as every test of the suite
    does). `auto` is made one worker, as on a one-core machine: a second would only start and
    collect. One run shared by the tests below rather than one each, as starting pytest and its
    worker costs far more than the tests: each leak is reported while its own test runs (the file
    or socket dropped, the cycle collected by the test itself), so each outcome, read from the
    run's JUnit report, is that test's own. The test that closes what it opens runs last."""
    where = tmp_path_factory.mktemp("leaks")
    names = [*sorted(LEAKS), "closes"]
    for name in names:
        (where / f"test_{name}.py").write_text(LEAKS.get(name, CLOSES))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(where),
                           "--junitxml", str(where / "report.xml"), *(f"test_{name}.py" for name in names)],
                          cwd=where, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTEST_XDIST_AUTO_NUM_WORKERS": "1"})
    cases = {case.get("classname"): case for case in ET.parse(where / "report.xml").iter("testcase")}
    assert sorted(cases) == [f"test_{name}" for name in sorted(names)], done.stdout + done.stderr
    return done, cases


def _failed_with(case) -> str:
    """What a test case failed or erred with, message and traceback; "" if it passed."""
    return "".join(f"{bad.get('message')}\n{bad.text}" for bad in case if bad.tag in ("failure", "error"))


@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_a_test_that_leaves_a_resource_open_fails(run, leak):
    done, cases = run
    assert done.returncode == 1 and "ResourceWarning" in _failed_with(cases[f"test_{leak}"]), done.stdout + done.stderr


def test_a_test_that_closes_what_it_opens_passes(run):
    done, cases = run
    assert not list(cases["test_closes"]) and "test_closes.py" not in done.stdout, done.stdout
