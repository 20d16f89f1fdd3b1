"""Regression: the source distribution held every tests/test*.py (setuptools adds them by
default) but none of what they need (conftest.py, helpers, fixtures, cases), so the tests in it
could not run, and read as though they could. The source distribution is what the wheel is
built from: it now holds no tests, and everything the build and the help texts need."""
from __future__ import annotations

import shutil
import tarfile

from .helpers import ROOT, build_checkout, run_setup


def test_the_source_distribution_holds_no_tests_and_all_the_build_needs(tmp_path):
    top = build_checkout(tmp_path)
    shutil.copytree(ROOT / "tests", top / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    done = run_setup(top, "sdist", "--formats=gztar", "--dist-dir", str(tmp_path / "dist"))
    assert done.returncode == 0, done.stderr
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        held = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert sorted(name for name in held if name.split("/")[0] == "tests") == []
    for needed in ("setup.py", "pyproject.toml", "MANIFEST.in", "README.md", "knowledge_base.md",
                   "rules/schema.yaml", "rules/tests/blend.yaml", "examples/corpus.jsonl", "build_tools/durable_core.py", "docs/audit.md"):
        assert needed in held, needed
