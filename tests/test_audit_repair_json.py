"""`audit verify --repair --format json` on a log with a problem besides a partial line or an
uncommitted batch at its end: it printed that problem as a text line on stdout and no JSON
(exit 1). It now prints what `audit verify --format json` prints for the log (the problem,
`repaired` null) and repairs nothing."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.log import entry_hash
from pathfit.engine.audit.record import canonical

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import build_log, run


@pytest.fixture(scope="module")
def genuine(engine, key, tmp_path_factory):
    """A genuine log of 5 entries, as lines."""
    return build_log(engine, key, tmp_path_factory.mktemp("genuine") / "audit.jsonl", 5)


def branched(lines: list[bytes]) -> list[bytes]:
    """The log and one self-consistent line whose prev names line 2."""
    entry = {"prev": json.loads(lines[1])["hash"], "record": json.loads(lines[0])["record"], "seq": 3,
             "time": "2026-12-04T17:00:00.000000Z"}
    entry["hash"] = entry_hash(entry)
    return lines + [canonical(entry) + b"\n"]


@pytest.mark.parametrize("name, build, code, line", [
    ("a branching line", branched, "PF604", 6),
    ("two lines swapped, a partial line after them", lambda ls: [ls[1], ls[0]] + ls[2:] + [b'{"hash"'], "PF605", 1),
])
def test_repair_json_reports_a_problem_it_does_not_repair_as_json(tmp_path, genuine, name, build, code, line):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(build(genuine)))
    log.chmod(0o600)
    before = log.read_bytes()
    result = run("audit", "verify", log, "--repair", "--format", "json")
    assert result.exit_code == 1, name
    doc = json.loads(result.stdout)
    assert (doc["problem"]["code"], doc["problem"]["line"], doc["repaired"]) == (code, line, None), name
    assert doc == json.loads(run("audit", "verify", log, "--format", "json").stdout), name
    assert log.read_bytes() == before and not list(tmp_path.glob("*.partial-*")), name
