"""The build reads pathfit's metadata without a deprecation: nothing in pyproject.toml is on
setuptools' list of what a later release stops building.

Regression: `license = { text = "Proprietary" }` printed a SetuptoolsDeprecationWarning on every
build ("`project.license` as a TOML table is deprecated ... By 2027-Feb-18, you need to update
your project ... or your builds will no longer be supported"), while the build asked for any
setuptools from 70.1 on: once a release drops the table, `pip install .` fails. The licence is
now the SPDX expression `LicenseRef-Proprietary` (setuptools 77 and later), in the metadata as
`License-Expression`.
"""
from __future__ import annotations

import tomllib
from importlib.metadata import distribution

from .helpers import ROOT, build_checkout, run_setup

LICENSE = "LicenseRef-Proprietary"


def test_the_metadata_builds_without_a_setuptools_deprecation(tmp_path):
    top = build_checkout(tmp_path)
    done = run_setup(top, "egg_info", "--egg-base", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "DeprecationWarning" not in done.stdout + done.stderr, done.stderr
    info = (tmp_path / "pathfit.egg-info" / "PKG-INFO").read_text(encoding="utf-8")
    assert f"License-Expression: {LICENSE}\n" in info


def test_the_build_asks_for_a_setuptools_that_reads_the_expression():
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)
    assert project["project"]["license"] == LICENSE
    assert "setuptools>=77" in project["build-system"]["requires"]
    assert "setuptools>=77" in project["project"]["optional-dependencies"]["test"]


def test_the_installed_metadata_names_the_licence():
    assert distribution("pathfit").metadata["License-Expression"] == LICENSE
