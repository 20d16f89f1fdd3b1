"""`pathfit test -k ''`: every case name contains the empty text, so every case ran, yet the
report called its coverage "the selected cases only" and warned about no rule fired by no
case (PF812), as if a selection had been made. An empty -k is now the same as no -k: the
suite's coverage, its warnings, and `selected_cases_only: false` in JSON."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import TWO_TINY_CASES as CASES, tiny_with_cases


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return tiny_with_cases(tmp_path, CASES)


def _run(*args: str):
    return CliRunner().invoke(cli, ["test", *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_empty_k_reports_exactly_as_no_k(rules, fmt):
    suite = _run("--rules", str(rules), "--format", fmt)
    empty = _run("--rules", str(rules), "--format", fmt, "-k", "")
    assert (empty.exit_code, empty.stdout) == (suite.exit_code, suite.stdout)
    if fmt == "text":
        assert "PF812" in empty.stdout and "selected" not in empty.stdout
        assert empty.stdout.endswith("Coverage: 5 of 7 rules fired (71.4%)\n")
    else:
        assert json.loads(empty.stdout)["coverage"]["selected_cases_only"] is False
