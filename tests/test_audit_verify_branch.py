"""A line whose `prev` names an earlier line than the one before it: the chain branches.

Two lines then follow one entry, and verify says which of them was inserted only when
something settles it: the line after the branching one follows on from the line before
it, or, with the public keys, the lines it skips are signed and it is not. Otherwise it
names both sides, located at the branching line, and the lines it skips are not vouched for
either: the entries before them are counted as verified, and `report` draws none of the others."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.log import GENESIS, entry_hash, read_lines
from pathfit.engine.audit.record import canonical
from pathfit.engine.audit.signing import load_public_keys
from pathfit.engine.audit.verify import verify_lines

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import run, signed_lines, signing_keys


@pytest.fixture(scope="module")
def logs(engine, key, tmp_path_factory):
    """Two genuine signed logs by one key, of 4 and 2 entries, as lines; and the public keys."""
    d = tmp_path_factory.mktemp("logs")
    signer = signing_keys(d, 1)[0]
    a = signed_lines(engine, key, signer, d / "a.jsonl", 4)
    c = signed_lines(engine, key, signer, d / "c.jsonl", 2)
    return a, c, load_public_keys([signer.path + ".pub"])


def forged_after(lines: list[bytes], k: int, record_from: bytes | None = None) -> bytes:
    """An unsigned, self-consistent entry claiming to follow the entry at index `k`, holding
    the record of `record_from` (default: that entry's): what a forger without the signing key
    can write."""
    genuine = json.loads(lines[k])
    record = json.loads(record_from or lines[k])["record"]
    entry = {"prev": genuine["hash"], "record": record, "seq": k + 2, "time": "2026-12-04T16:00:00.000000Z"}
    entry["hash"] = entry_hash(entry)
    return canonical(entry) + b"\n"


def verdict(tmp_path, lines: list[bytes], keys=None):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(lines))
    return verify_lines(read_lines(log), str(log), None, keys)


def found(v) -> tuple:
    """What was found, where, how many entries verified before it, and the first line before
    it that it leaves in doubt (0: none)."""
    return v.problem.code, v.problem.pos.line, v.entries, getattr(v, "doubt_from", None)


def test_branch_forged_between_genuine_lines_is_named_where_the_next_line_skips_it(tmp_path, logs):
    """Line 4 claims to follow line 1; line 5 follows on from line 3: line 4 was inserted (it
    blamed line 2, genuine and validly signed)."""
    a, _, keys = logs
    lines = a[:3] + [forged_after(a, 0)] + a[3:]
    for with_keys in (None, keys):
        v = verdict(tmp_path, lines, with_keys)
        assert found(v) == ("PF604", 4, 3, 0), v.problem
        assert v.head == json.loads(a[2])["hash"]


def test_branch_forged_last_line_is_named_by_the_signatures_of_the_lines_it_skips(tmp_path, logs):
    """Line 5, unsigned, claims to follow line 2; lines 3 and 4 are signed: with the keys line 5
    was inserted; without them the chain cannot tell, names both sides at line 5, and vouches
    for lines 1-2 only (it blamed line 3, genuine and validly signed, at line 3)."""
    a, _, keys = logs
    lines = a + [forged_after(a, 1)]
    assert found(verdict(tmp_path, lines, keys)) == ("PF604", 5, 4, 0)
    assert found(verdict(tmp_path, lines)) == ("PF604", 5, 2, 3)


def test_branch_two_logs_concatenated_is_located_at_the_restart(tmp_path, logs):
    """`cat a c`: line 5 starts a chain again. Both sides are signed, so nothing settles which
    log is the stranger: located at line 5 (it said line 1), and lines 1-4 are in doubt with it,
    so no entry is vouched for."""
    a, c, keys = logs
    for with_keys in (None, keys):
        v = verdict(tmp_path, a + c, with_keys)
        assert found(v) == ("PF604", 5, 0, 1), v.problem
        assert v.head == GENESIS


def test_branch_verify_command_counts_the_entries_before_the_lines_in_doubt(tmp_path, logs):
    a, c, _ = logs
    log = tmp_path / "ac.jsonl"
    log.write_bytes(b"".join(a + c))
    result = run("audit", "verify", log, "--format", "json")
    out = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (out["problem"]["code"], out["problem"]["line"], out["entries"]) == ("PF604", 5, 0)
    assert out["in_doubt"] == {"first": 1, "last": 4}


def test_branch_lines_in_doubt_are_not_drawn_by_report(tmp_path, logs, key):
    """Guard: the lines a branch leaves in doubt are not drawn by `report` as log entries,
    since the chain does not say whether they or the branching line were inserted; the
    lines before them are."""
    a, c, _ = logs
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(a + [forged_after(a, 1, record_from=c[0])]))
    ids = [json.loads(line)["record"]["id"] for line in a]
    for line, rid, code in ((2, ids[1], 0), (3, ids[2], 1), (4, ids[3], 1)):
        out = tmp_path / f"{line}.html"
        result = run("report", log, "--id", rid, "--out", out, "--audit-key", key.path)
        assert (result.exit_code, out.exists()) == (code, code == 0), (line, result.stderr)


def test_report_refusal_says_none_when_no_line_before_is_vouched_for(tmp_path, logs, key):
    """`cat a c` leaves lines 1-4 in doubt: report's refusal said the chain vouches for "those
    before line 1", which means none; it says so, and names the lines in doubt."""
    a, c, _ = logs
    log = tmp_path / "ac.jsonl"
    log.write_bytes(b"".join(a + c))
    rid = json.loads(a[1])["record"]["id"]
    result = run("report", log, "--id", rid, "--out", tmp_path / "r.html", "--audit-key", key.path)
    assert result.exit_code == 1
    assert "vouches for (none: the first problem, at line 5, leaves lines 1-4 in doubt too)" in result.stderr
    forged = tmp_path / "forged.jsonl"
    forged.write_bytes(b"".join(a + [forged_after(a, 1, record_from=c[0])]))
    rid = json.loads(a[3])["record"]["id"]
    result = run("report", forged, "--id", rid, "--out", tmp_path / "f.html", "--audit-key", key.path)
    assert result.exit_code == 1
    assert "vouches for (those before line 3: the first problem, at line 5, leaves lines 3-4 in doubt too)" \
        in result.stderr
