"""`pathfit test DIR FILE...` runs each test file once, however its PATHS spell it: the same
file named as `tests/cases.yaml` and as `tests/../tests/cases.yaml`, through a symbolic or hard
link, or by its directory, was read twice, and the report counted every case twice ("4 cases",
each outcome twice). The count, the outcomes and the JSON summary now give each case once,
named by the first spelling."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import TWO_TINY_CASES as CASES, tiny_with_cases


def _spellings(rules: Path) -> dict[str, list[str]]:
    cases = rules / "tests" / "cases.yaml"
    link = rules.parent / "link.yaml"
    os.symlink(cases, link)
    hard = rules.parent / "hard.yaml"  # one file under two names: told apart by no path, only by its inode
    os.link(cases, hard)
    return {"dot-dot": [str(cases), str(rules / "tests" / ".." / "tests" / "cases.yaml")],
            "link": [str(cases), str(link)],
            "hard link": [str(cases), str(hard)],
            "directory": [str(rules / "tests"), str(rules / "tests" / ".." / "tests" / "cases.yaml")]}


@pytest.mark.parametrize("how", ["dot-dot", "link", "hard link", "directory"])
def test_a_test_file_named_twice_runs_its_cases_once(tmp_path: Path, how: str) -> None:
    rules = tiny_with_cases(tmp_path, CASES)
    paths = _spellings(rules)[how]
    text = CliRunner().invoke(cli, ["test", str(rules), *paths], catch_exceptions=False)
    assert text.exit_code == 0, text.output
    assert "2 cases: 2 passed, 0 failed; outcomes: coaching 1, mentoring 1" in text.output, text.output
    out = CliRunner().invoke(cli, ["test", str(rules), *paths, "--format", "json"], catch_exceptions=False)
    report = json.loads(out.stdout)
    assert report["summary"] == {"total": 2, "passed": 2, "failed": 0}
    assert [c["file"] for c in report["cases"]] == [report["cases"][0]["file"]] * 2
