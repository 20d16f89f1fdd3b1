"""Regression: `audit verify LOG --expect-head HEAD` (or `--head-statement`) on a log cut short
after that head, where the cut left a partial last line or a batch without its commit marker,
reported PF606 or PF625, "an append cut off, or the log cut short (the log cannot tell which)",
and advised `--repair`, which then refused (PF607). The head given is what tells the two apart:
verify now checks it against what a repair would keep, as the repair does, and reports the
entries cut off the end (PF607, exit 1). A head still among the kept entries changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import committed_log, run


@pytest.fixture(scope="module")
def committed(engine, key, tmp_path_factory):
    """A signed log: one entry, then a committed batch of 2 records; its bytes and signing key."""
    return committed_log(engine, key, tmp_path_factory.mktemp("committed"), 2)


def cut(tmp_path: Path, data: bytes, end: int) -> Path:
    """The log's first `end` bytes: what is left when the rest is cut off."""
    log = tmp_path / "cut.jsonl"
    log.write_bytes(data[:end])
    log.chmod(0o600)
    return log


def line_end(data: bytes, line: int) -> int:
    return sum(len(x) for x in data.splitlines(keepends=True)[:line])


def hash_at(data: bytes, line: int) -> str:
    return json.loads(data.splitlines()[line - 1])["hash"]


def finding(result) -> tuple:
    """(code, line) of the finding verify prints first."""
    where, code = result.stdout.splitlines()[0].split(": ")[:2]
    return code, int(where.rsplit(":", 2)[1])


def test_a_commit_marker_cut_off_after_the_expected_head_is_entries_cut_off(tmp_path, committed):
    data, _ = committed
    log = cut(tmp_path, data, line_end(data, 4))  # the commit marker (line 5, the head) cut off
    result = run("audit", "verify", log, "--expect-head", hash_at(data, 5))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert finding(result) == ("PF607", 0)
    assert "NOT intact; 1 entry verified" in result.stderr


def test_a_log_cut_inside_a_line_after_the_expected_head_is_entries_cut_off(tmp_path, committed):
    data, _ = committed
    log = cut(tmp_path, data, line_end(data, 4) + 30)  # the commit marker cut inside its line
    result = run("audit", "verify", log, "--expect-head", hash_at(data, 5), "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    verdict = json.loads(result.stdout)
    assert (verdict["problem"]["code"], verdict["problem"]["line"]) == ("PF607", 0)
    assert verdict["entries"] == 1 and verdict["head"] == hash_at(data, 1)


def test_a_partial_line_after_the_stated_head_is_entries_cut_off(tmp_path, committed, monkeypatch):
    data, signer = committed
    whole = tmp_path / "whole.jsonl"
    whole.write_bytes(data)
    whole.chmod(0o600)
    statement = tmp_path / "head.json"
    taken = run("audit", "head", whole, "--signing-key", signer.path)
    assert taken.exit_code == 0, taken.stdout + taken.stderr
    statement.write_text(taken.stdout)
    log = cut(tmp_path, data, line_end(data, 5) - 1)  # the head's own line without its newline
    result = run("audit", "verify", log, "--public-key", signer.path + ".pub", "--head-statement", statement)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert finding(result) == ("PF607", 0)


def test_a_head_among_the_kept_entries_leaves_the_tail_the_finding(tmp_path, committed):
    data, _ = committed
    partial = run("audit", "verify", cut(tmp_path, data, line_end(data, 4) + 30), "--expect-head", hash_at(data, 1))
    assert partial.exit_code == 1 and finding(partial) == ("PF606", 5), partial.stdout
    open_batch = run("audit", "verify", cut(tmp_path, data, line_end(data, 4)), "--expect-head", hash_at(data, 1))
    assert open_batch.exit_code == 1 and finding(open_batch) == ("PF625", 2), open_batch.stdout
