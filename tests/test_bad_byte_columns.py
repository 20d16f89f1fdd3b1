"""A byte that is not UTF-8 (PF101; the audit log's PF601) and a NUL byte refusing a file are
located at their column in characters, as every other position is: the bytes of an accented
letter before it on its line count once, so an editor's column (or `cut -c` on the decoded
text) finds it. The audit log's partial last line (PF606) is located after its last
character the same way."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.audit.log import parse_line

from .helpers import tiny_copy


def _where(problem) -> tuple[int, int]:
    return problem.pos.line, problem.pos.col


def test_a_rule_file(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    (rules / "bad.yaml").write_bytes("rules: []\n# café é".encode() + b"\xff\n")
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    assert [(p.code, *_where(p)) for p in info.value.problems] == [("PF101", 2, 9)]


def test_a_profile(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    profile = tmp_path / "p.yaml"
    profile.write_bytes("goal: spécifique".encode() + b"\xff\n")
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(profile)])
    assert result.exit_code == 2 and result.stderr.startswith(f"{profile}:1:17: PF101:"), result.stderr


@pytest.mark.parametrize("name, data, at", [
    ("header.csv", "id,néeds".encode() + b"\xff\na,network\n", "1:9"),
    ("nul.jsonl", '{"é": 1}'.encode() + b"\x00\n", "1:9"),
])
def test_a_cohort_refused_at_its_start(tmp_path: Path, name: str, data: bytes, at: str):
    (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and result.stderr.startswith(f"{tmp_path / name}:{at}: PF101:"), result.stderr


def test_an_audit_log_line():
    bad = parse_line('{"note": "é'.encode() + b"\xff\"}\n", 7, "audit.log")
    assert (bad.problem.code, *_where(bad.problem)) == ("PF601", 7, 12)
    cut = parse_line('{"note": "é'.encode(), 8, "audit.log", last=True)
    assert (cut.problem.code, *_where(cut.problem)) == ("PF606", 8, 12)
