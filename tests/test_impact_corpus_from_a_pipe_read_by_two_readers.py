"""`pathfit impact` with its corpus in a pipe (`--profiles <(cmd)`, `/dev/stdin`, a named pipe),
which docs/authoring.md says it reads as it reads a file.

The corpus was opened twice, once for each rule-set version, and the two readers took turns
draining the one pipe: a short corpus was "the corpus holds no profiles" (PF406, exit 2) and a
long one was refused at rows cut in half (PF102 "invalid JSON", PF105 "duplicate key") that the
corpus does not have. Now the corpus is read once and each row typed for each version, so a pipe (here standard
input, which a subprocess's `input` makes one) gives exactly the report the same bytes give in
a file.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import tiny_versions

PROFILES = [
    {"id": "a", "needs": ["network"]},
    {"id": "b", "needs": ["network"], "ready": True},
    {"id": "c", "needs": ["network", "skill"], "goal": "specific"},
    {"id": "d", "needs": ["basics"]},
    {"id": "e", "ready": False, "needs": ["network"]},
]


def _corpus(rows: int, kind: str) -> bytes:
    people = [dict(PROFILES[i % len(PROFILES)], id=f"p{i}") for i in range(rows)]
    if kind == "jsonl":
        return "".join(json.dumps(p) + "\n" for p in people).encode()
    lines = ["id,goal,needs,ready"] + [
        f"{p['id']},{p.get('goal', '')},\"{';'.join(p.get('needs', []))}\","
        f"{'' if 'ready' not in p else str(p['ready']).lower()}" for p in people]
    return ("\n".join(lines) + "\n").encode()


def _impact(old: Path, new: Path, profiles: str, kind: str) -> list[str]:
    return ["impact", "--base", str(old), "--rules", str(new), "--profiles", profiles, "--input-format", kind,
            "--format", "json"]


def _without_name(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "profiles"}


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], input=data, capture_output=True,
                          timeout=300)


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
@pytest.mark.parametrize("rows", [5, 3000])
def test_a_corpus_on_standard_input_gives_the_report_the_same_file_gives(tmp_path, kind, rows):
    old, new = tiny_versions(tmp_path)
    data = _corpus(rows, kind)
    (tmp_path / "corpus").write_bytes(data)
    from_file = _run(_impact(old, new, str(tmp_path / "corpus"), kind))
    assert from_file.returncode == 0, from_file.stderr.decode()
    from_pipe = _run(_impact(old, new, "/dev/stdin", kind), data)  # stdin is a pipe here
    assert from_pipe.returncode == 0, from_pipe.stderr.decode()
    assert from_pipe.stderr == b""
    report = json.loads(from_pipe.stdout)
    assert report["total"] == rows
    assert _without_name(report) == _without_name(json.loads(from_file.stdout))
