"""`audit verify --repair` with a head kept earlier (`--expect-head`, `--head-statement`) checks
that head against the log as it is before repairing anything: a batch whose commit marker was
cut off the end looks like an interrupted one, and repairing it sets committed records aside.
If the head is not in an entry repair would keep, nothing is repaired or written (exit 2) and
the head's problem is reported."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import committed_log, run


@pytest.fixture(scope="module")
def committed(engine, key, tmp_path_factory):
    """A signed log: one entry, then a committed batch of 3 records; its bytes and signing key."""
    return committed_log(engine, key, tmp_path_factory.mktemp("committed"), 3)


def cut_log(tmp_path, data: bytes, keep: int) -> Path:
    """The log with only its first `keep` lines: what is left when the rest is cut off the end."""
    log = tmp_path / "cut.jsonl"
    log.write_bytes(b"".join(data.splitlines(keepends=True)[:keep]))
    log.chmod(0o600)
    return log


def hash_at(data: bytes, line: int) -> str:
    return json.loads(data.splitlines()[line - 1])["hash"]


def untouched(tmp_path, log: Path, before: bytes) -> bool:
    return log.read_bytes() == before and not list(tmp_path.glob("*.partial-*"))


def problem_of(result) -> tuple:
    """(code, line) of the first `file:line:col: code: message` on stderr."""
    first = result.stderr.splitlines()[0]
    where, code = first.split(": ")[:2]
    return code, int(where.rsplit(":", 2)[1])


def test_repair_with_the_expected_head_of_a_commit_cut_off_repairs_nothing(tmp_path, committed):
    data, _ = committed
    log = cut_log(tmp_path, data, 5)  # the commit marker (line 6) cut off: the batch looks interrupted
    before = log.read_bytes()
    result = run("audit", "verify", log, "--repair", "--expect-head", hash_at(data, 6))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert problem_of(result) == ("PF607", 0)
    assert untouched(tmp_path, log, before)


def test_repair_with_an_expected_head_inside_the_tail_it_would_cut_repairs_nothing(tmp_path, committed):
    data, _ = committed
    log = cut_log(tmp_path, data, 5)
    before = log.read_bytes()
    result = run("audit", "verify", log, "--repair", "--expect-head", hash_at(data, 4))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert problem_of(result) == ("PF607", 0)
    assert untouched(tmp_path, log, before)


def test_repair_with_a_head_statement_of_a_commit_cut_off_repairs_nothing(tmp_path, committed, monkeypatch):
    data, signer = committed
    whole = tmp_path / "whole.jsonl"
    whole.write_bytes(data)
    whole.chmod(0o600)
    monkeypatch.setenv("PATHFIT_SIGNING_KEY_FILE", signer.path)
    head = run("audit", "head", whole)
    assert head.exit_code == 0, head.stdout + head.stderr
    statement = tmp_path / "head.json"
    statement.write_text(head.stdout)
    log = cut_log(tmp_path, data, 5)
    before = log.read_bytes()
    result = run("audit", "verify", log, "--repair", "--public-key", signer.path + ".pub",
                 "--head-statement", statement)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert problem_of(result) == ("PF607", 0)
    assert untouched(tmp_path, log, before)


def test_repair_with_an_expected_head_before_an_interrupted_batch_repairs_it(tmp_path, committed):
    """Guard: a head kept before the batch began is in what repair keeps, so it repairs."""
    data, _ = committed
    log = cut_log(tmp_path, data, 4)  # inside the batch: begin and two records, no commit
    result = run("audit", "verify", log, "--repair", "--expect-head", hash_at(data, 1), "--format", "json")
    out = json.loads(result.stdout)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (out["repaired"]["line"], out["entries"], out["expected_head_line"]) == (2, 1, 1)
    assert log.read_bytes() == data.splitlines(keepends=True)[0]
