"""Restoring a committed batch's missing output reads its records from the log: a damaged
record line there is a located PFnnn error, coded as `audit verify` codes it, with exit 2,
no traceback, and nothing written or appended (engine.audit.commit.committed_rows)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .audit_support import entry_line, make_key, rehashed, run
from .test_batch import _examples, write_csv


@pytest.fixture
def committed(tmp_path, monkeypatch):
    """A batch of 3 rows committed to a log (begin, 3 records, commit), its output gone."""
    write_csv(tmp_path / "in.csv", _examples()[:3])
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    args = ["batch", tmp_path / "in.csv", "--out", out, "--audit-log", log, "--jobs", "1"]
    first = run(*args)
    assert first.exit_code == 0, first.output
    out.unlink()
    return args, log, out


def _rerun_with(committed, change) -> tuple:
    args, log, out = committed
    lines = log.read_bytes().splitlines(keepends=True)
    assert [json.loads(line).get("batch", {}).get("mark") for line in lines] == \
        ["begin", None, None, None, "commit"]
    lines[2] = change(lines[2])  # the batch's second record
    log.write_bytes(b"".join(lines))
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert not out.exists() and log.read_bytes() == b"".join(lines)  # nothing written or appended
    return result, str(log)


def _without_source(line: bytes) -> bytes:
    entry = json.loads(line)
    del entry["record"]["source"]
    return entry_line(entry)


def test_a_record_line_edited_in_place_is_pf602_at_its_line(committed):
    result, log = _rerun_with(committed, _without_source)
    assert f"{log}:3:1: PF602: " in result.stderr, result.stderr


def test_a_record_line_that_is_not_json_is_pf601_at_its_line_and_column(committed):
    result, log = _rerun_with(committed, lambda line: line[:-2] + b"\n")  # its closing brace cut
    assert f"{log}:3:" in result.stderr and ": PF601: " in result.stderr, result.stderr


def test_a_record_line_damaged_inside_a_value_is_pf602(committed):
    def flip(line: bytes) -> bytes:
        at = line.index(b'"facts_digest":"') + 20
        return line[:at] + (b"0" if line[at:at + 1] != b"0" else b"1") + line[at + 1:]
    result, log = _rerun_with(committed, flip)
    assert f"{log}:3:1: PF602: " in result.stderr, result.stderr


def test_a_rehashed_record_with_no_source_row_is_pf608_at_its_line(committed):
    result, log = _rerun_with(committed, lambda line: rehashed(line, lambda e: e["record"].pop("source")))
    assert f"{log}:3:1: PF608: " in result.stderr and "source.row" in result.stderr, result.stderr


def test_a_record_line_that_no_longer_names_its_batch_is_pf626_at_the_commit(committed):
    result, log = _rerun_with(committed, lambda line: line.replace(b'"in_batch":"', b'"in_batcX":"', 1))
    assert f"{log}:5:1: PF626: " in result.stderr and "commits 3 records, but 2" in result.stderr, result.stderr


def test_an_intact_log_still_restores_the_output(committed):
    args, log, out = committed
    before = log.read_bytes()
    result = run(*args)
    assert result.exit_code == 0 and "was already committed to" in result.stderr, result.output
    assert out.exists() and log.read_bytes() == before
    assert len(Path(out).read_text().splitlines()) == 3


def test_the_batch_begin_marker_edited_in_place_is_pf602_at_its_line(committed):
    args, log, out = committed
    lines = log.read_bytes().splitlines(keepends=True)
    lines[0] = lines[0].replace(b'"time":"2', b'"time":"1', 1)
    log.write_bytes(b"".join(lines))
    result = run(*args)
    assert result.exit_code == 2 and f"{log}:1:1: PF602: " in result.stderr, result.output
    assert not out.exists() and log.read_bytes() == b"".join(lines)
