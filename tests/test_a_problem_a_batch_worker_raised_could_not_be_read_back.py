"""Regression: a problem a `batch --jobs N` worker found in its rows (PF631: a restored run
deciding a row otherwise than its committed record) could not be read back from the worker (a
PathfitError pickled as its message, which its class could not be made from again), so the
batch ended in an internal error. Now it ends the batch as in one process: located at the row,
exit 2, nothing written or appended, no worker left."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key, rehashed
from .test_auditlog import _decided
from .test_batch import _examples, write_csv
from .helpers import child_processes


def test_a_re_run_on_two_workers_disagreeing_with_a_committed_record_far_in_restores_nothing(tmp_path, monkeypatch):
    examples = _examples()
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(30) for r in examples][:300]
    write_csv(tmp_path / "in.csv", rows)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    args = ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--audit-log", str(log), "--quiet"]
    assert CliRunner().invoke(cli, [*args, "--jobs", "1"]).exit_code == 0
    out.unlink()
    lines = log.read_bytes().splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if b'"row":250' in line.replace(b" ", b""))
    entry = json.loads(lines[at])
    was = entry["record"]["decision"]["recommendation"]
    other = "mentoring" if was != "mentoring" else "coaching"
    lines[at] = rehashed(lines[at], lambda e: _decided(e["record"], other))  # every digest recomputed
    log.write_bytes(b"".join(lines))
    before = child_processes()
    result = CliRunner().invoke(cli, [*args, "--jobs", "2"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{tmp_path / 'in.csv'}:251:1: PF631: row 250 now decides "), result.stderr
    assert f"says {other}" in result.stderr
    assert not out.exists() and log.read_bytes() == b"".join(lines)
    assert child_processes() == before
