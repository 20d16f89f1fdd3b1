"""An entry whose bytes are not its canonical form but whose content still matches its hash (a
space added between two members, a line end turned into CRLF by a copy made on Windows) is
PF602, "its content is not in canonical form", in `audit verify`. `audit show`, `replay` and
`report`, skipping or refusing that entry, said "entry does not match its hash", which was not
true: its hash matched. Every reader now says what verify says of the entry."""
from __future__ import annotations

import json

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import build_log, run


def spaced_log(tmp_path, engine, key, monkeypatch):
    """Two entries, the first with a space after its first member's colon: the same JSON, so
    the same hash, but not the bytes pathfit writes; their audit key set for the commands."""
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", key.path)
    log = tmp_path / "audit.jsonl"
    lines = build_log(engine, key, log, 2)
    first = lines[0].replace(b'{"hash":', b'{"hash": ', 1)
    assert json.loads(first) == json.loads(lines[0])
    log.write_bytes(first + lines[1])
    log.chmod(0o600)
    return log, json.loads(lines[0])["record"]["id"]


def test_verify_says_the_entry_is_not_in_canonical_form(tmp_path, engine, key, monkeypatch):
    log, _ = spaced_log(tmp_path, engine, key, monkeypatch)
    result = run("audit", "verify", log)
    assert result.exit_code == 1
    assert "PF602" in result.stdout and "not in canonical form" in result.stdout


def test_show_says_what_verify_says_of_a_non_canonical_entry(tmp_path, engine, key, monkeypatch):
    log, _ = spaced_log(tmp_path, engine, key, monkeypatch)
    result = run("audit", "show", log)
    skipped = [line for line in result.stderr.splitlines() if line.startswith("warning: skipped:")]
    assert len(skipped) == 1 and ":1:1: PF602: " in skipped[0], result.stderr
    assert "not in canonical form" in skipped[0] and "does not match its hash" not in skipped[0]


def test_replay_says_what_verify_says_of_a_non_canonical_entry(tmp_path, engine, key, monkeypatch):
    log, _ = spaced_log(tmp_path, engine, key, monkeypatch)
    result = run("replay", log)
    assert result.exit_code == 1
    refused = [line for line in result.stdout.splitlines() if "NOT REPLAYED" in line]
    assert len(refused) == 1 and ":1:1: PF602: " in refused[0], result.stdout
    assert "not in canonical form" in refused[0] and "does not match its hash" not in refused[0]


def test_report_says_what_verify_says_of_a_non_canonical_entry(tmp_path, engine, key, monkeypatch):
    log, record_id = spaced_log(tmp_path, engine, key, monkeypatch)
    result = run("report", log, "--id", record_id, "--out", tmp_path / "page.html")
    assert result.exit_code != 0
    assert ":1:1: PF602: " in result.stderr, result.stderr
    assert "not in canonical form" in result.stderr and "does not match its hash" not in result.stderr
    assert not (tmp_path / "page.html").exists()
