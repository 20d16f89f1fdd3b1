"""`replay LOG --format json` of a log with a line it cannot read as a record (a damaged line, an
entry altered) gave that line as `{"id": null, "where", "status": "unreadable", "notes"}`, where
the text says `NOT REPLAYED`; but its schema (`pathfit schema --kind replay`) allowed only
`reproduced` and `differs`, each with every key, so a program validating the output against the
published schema refused exactly the runs that most needed reading. The schema and docs now
describe that object, and the output keeps to them."""
from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from pathfit.engine.output_schemas import load

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import build_log, run


def damaged_log(tmp_path, engine, key, monkeypatch, damage):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", key.path)
    log = tmp_path / "audit.jsonl"
    lines = build_log(engine, key, log, 3)
    log.write_bytes(damage(lines))
    log.chmod(0o600)
    return log


DAMAGES = {
    "a line that is not JSON": lambda lines: lines[0] + b"junk\n" + b"".join(lines[1:]),
    "an entry not in canonical form": lambda lines: lines[0].replace(b'{"hash":', b'{"hash": ', 1) + b"".join(lines[1:]),
    "a record edited": lambda lines: lines[0] + lines[1].replace(
        b'"timestamp":"', b'"timestamp":"1', 1) + lines[2],
}


def replayed(tmp_path, engine, key, monkeypatch, name):
    log = damaged_log(tmp_path, engine, key, monkeypatch, DAMAGES[name])
    result = run("replay", log, "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_replay_json_of_a_log_with_a_line_not_json_keeps_to_its_schema(tmp_path, engine, key, monkeypatch):
    out = replayed(tmp_path, engine, key, monkeypatch, "a line that is not JSON")
    Draft202012Validator(load("replay")).validate(out)
    assert [r["status"] for r in out] == ["reproduced", "unreadable", "reproduced", "reproduced"]


def test_replay_json_of_a_log_with_an_entry_not_canonical_keeps_to_its_schema(tmp_path, engine, key, monkeypatch):
    out = replayed(tmp_path, engine, key, monkeypatch, "an entry not in canonical form")
    Draft202012Validator(load("replay")).validate(out)
    assert [r["status"] for r in out] == ["unreadable", "reproduced", "reproduced"]


def test_replay_json_of_a_log_with_a_record_edited_keeps_to_its_schema(tmp_path, engine, key, monkeypatch):
    out = replayed(tmp_path, engine, key, monkeypatch, "a record edited")
    Draft202012Validator(load("replay")).validate(out)
    assert [r["status"] for r in out] == ["reproduced", "unreadable", "reproduced"]
    assert out[1]["where"].endswith(":2") and "PF60" in out[1]["notes"][0]
