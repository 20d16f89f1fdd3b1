"""The version 1 (`hmac-sha256`) records of tests/fixtures/hmac-records, and forgeries of them,
for the tests that hold every reader to what `audit verify` with the key finds: one copy of how
the fixture's key is laid out and how a forged log is re-chained, so that each test says only
what it forges."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from pathfit.engine.audit.log import entry_hash
from pathfit.engine.audit.record_bytes import canonical

from .helpers import ROOT

OLD = ROOT / "tests" / "fixtures" / "hmac-records"


def copy_key(tmp_path: Path) -> Path:
    """The fixture's audit key, copied where only this user can read it, as a key must be."""
    path = tmp_path / "audit.key"
    shutil.copy(OLD / "audit.key", path)
    path.chmod(0o600)
    return path


def rechained(tmp_path: Path, forge, line: int = 1, source: Path | None = None) -> Path:
    """The fixture's log (or the log at `source`) with the record at `line` forged (`forge(record)
    -> record`, resealed), every hash from it on redone, written to tmp_path/audit.jsonl: a forgery
    that only a check of the record itself can find."""
    out, prev = [], None
    for number, text in enumerate((source or OLD / "audit.jsonl").read_text().splitlines(), 1):
        entry = json.loads(text)
        if prev is not None:
            entry["prev"] = prev
        if number == line:
            entry["record"] = forge(entry["record"])
        entry["hash"] = prev = entry_hash(entry)
        out.append(canonical(entry).decode())
    path = tmp_path / "audit.jsonl"
    path.write_text("\n".join(out) + "\n")
    return path


def first_masked_given(record: dict, value) -> dict:
    """`record` with its first masked fact given as `value` in its facts and in every firing that
    matched it, and its facts digest redone (the caller reseals it, or not)."""
    from pathfit.engine.audit.record import sha256_hex

    name = record["masking"]["masked"][0]
    record["facts"][name] = record["decision"]["facts"][name] = value
    for firing in record["decision"]["trace"]["firings"]:
        for m in firing["matched"]:
            if m.get("fact") == name and "value" in m:
                m["value"] = value
    record["facts_digest"] = sha256_hex(record["facts"])
    return record
