"""Regression: run from a working directory deleted under the shell (`rm -rf` of the folder a
terminal sits in), every command that reads a rule set said "pathfit: internal error:
FileNotFoundError" with no code, even with every path given in full, because the bundled rule
set's name was made relative to a working directory that has none; and an output named
relative to it (`--record rec.json`, `--out`, `--save`, `--audit-log`, `audit keygen`) was the
same internal error. Now a command given full paths runs as anywhere else, and a relative
output is refused before any work by the code the command gives a missing folder, at that
path, with exit status 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ROOT, run_where_gone

EXAMPLE = str(ROOT / "examples" / "graduate-seeking-career-direction.yaml")  # no sensitive fact to seal


@pytest.mark.parametrize("args", [
    ["recommend", "--profile", EXAMPLE],
    ["explain", "--profile", EXAMPLE],
    ["rules", "list"],
    ["lint"],
    ["test"],
    ["docs"],
], ids=lambda a: a[0] + ("" if len(a) < 2 else " " + a[1]))
def test_a_command_given_full_paths_runs_in_a_deleted_working_directory(tmp_path: Path, args: list[str]) -> None:
    done = run_where_gone(tmp_path, args)
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert done.stdout or args == ["lint"]


@pytest.mark.parametrize("args, code", [
    (["recommend", "--profile", EXAMPLE, "--record", "rec.json"], "PF617"),
    (["recommend", "--profile", EXAMPLE, "--audit-log", "audit.jsonl"], "PF617"),
    (["docs", "--out", "rules.md"], "PF618"),
    (["interview", "--save", "answers.yaml"], "PF618"),
    (["audit", "keygen", "audit.key"], "PF617"),
], ids=["record", "audit-log", "docs-out", "interview-save", "keygen"])
def test_a_relative_output_in_a_deleted_working_directory_is_refused_at_its_path(
        tmp_path: Path, args: list[str], code: str) -> None:
    done = run_where_gone(tmp_path, args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"{args[-1]}:0:0: {code}: ")
