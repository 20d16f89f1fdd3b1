"""The entries `audit verify` counts as verified, and the records `report` draws, are those the
log exactly vouches for: committed entries before the first line in doubt. A problem inside a
batch unit (after its begin, at or before its commit marker), or a branch whose skipped lines
hold the commit marker, leaves the whole unit uncommitted in what verifies: verify counted its
begin and records and named one of them as the head, and `report` drew them. A branch with no
batch about it likewise counts only the entries before the lines it skips."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.append import append, append_lines
from pathfit.engine.audit.commit import Batch
from pathfit.engine.audit.log import entry_hash, read_lines
from pathfit.engine.audit.read import unverified_entry
from pathfit.engine.audit.record import canonical
from pathfit.engine.audit.verify import verify_lines

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, read_checked, record_for, run


@pytest.fixture(scope="module")
def batched(engine, key, tmp_path_factory):
    """Lines 1-2 single entries, 3 a begin, 4-6 records, 7 the commit: the log's lines."""
    log = tmp_path_factory.mktemp("batched") / "audit.jsonl"
    for path in EXAMPLES[:2]:
        append(log, record_for(engine, path, key), None)
    records = [canonical(record_for(engine, p, key)) for p in EXAMPLES[2:5]]
    append_lines(log, records, None, Batch("cd" * 32, len(records)))
    return log.read_bytes().splitlines(keepends=True)


def follows(lines: list[bytes], line: int, in_batch: bool = True) -> bytes:
    """An unsigned, self-consistent entry (a record of the batch, or a single entry) claiming
    to follow line `line`, holding line 1's record: what a forger without the signing key can write."""
    genuine = json.loads(lines[line - 1])
    entry = {"prev": genuine["hash"], "record": json.loads(lines[0])["record"], "seq": genuine["seq"] + 1,
             "time": "2026-12-04T17:00:00.000000Z"}
    if in_batch:
        entry["in_batch"] = "cd" * 32
    entry["hash"] = entry_hash(entry)
    return canonical(entry) + b"\n"


# name: the log, from the genuine lines -> (code, line, entries verified, lines in doubt before the problem's)
CASES = {
    "a forged record inside a batch whose commit was cut off": (
        lambda ls: ls[:6] + [follows(ls, 4)], ("PF604", 7, 2, (3, 6))),
    "a forged record branching from a committed batch's second record": (
        lambda ls: ls + [follows(ls, 5)], ("PF604", 8, 2, (3, 7))),
    "a record edited inside a committed batch": (
        lambda ls: ls[:4] + [ls[4].replace(b'"seq":5', b'"seq":55', 1)] + ls[5:], ("PF602", 5, 2, (3, 4))),
    "the commit marker edited": (
        lambda ls: ls[:6] + [ls[6].replace(b'"records":3', b'"records":2', 1)], ("PF602", 7, 2, (3, 6))),
}
BATCH_CASES = sorted(CASES)
CASES["a branch with no batch about it"] = (
    lambda ls: ls[:2] + [follows(ls, 1, in_batch=False)], ("PF604", 3, 1, (2, 2)))


def verdict(tmp_path, lines: list[bytes]):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(lines))
    log.chmod(0o600)
    return log, verify_lines(read_lines(log), str(log))


@pytest.mark.parametrize("name", sorted(CASES))
def test_open_batch_verify_counts_only_committed_entries_before_the_lines_in_doubt(tmp_path, batched, name):
    build, (code, line, entries, doubt) = CASES[name]
    log, v = verdict(tmp_path, build(batched))
    assert (v.problem.code, v.problem.pos.line, v.entries) == (code, line, entries), (name, v.problem.format())
    assert v.head == json.loads(batched[entries - 1])["hash"]
    out = run("audit", "verify", log, "--format", "json")
    doc = json.loads(out.stdout)
    assert out.exit_code == 1
    assert (doc["entries"], doc["head"], doc["in_doubt"]) == (entries, v.head, {"first": doubt[0], "last": doubt[1]})


@pytest.mark.parametrize("name", BATCH_CASES)
def test_open_batch_records_are_not_drawn(tmp_path, batched, key, name):
    """`report` and the service's report page (both through CheckedLog and
    unverified_entry) draw the single entries before the batch and none of its records."""
    log, _ = verdict(tmp_path, CASES[name][0](batched))
    items, problem, vouched = read_checked(log)
    assert [unverified_entry(i, problem, vouched) for i in items if i.where.line <= 6] == \
        [False, False, True, True, True]
    ids = {n: json.loads(batched[n - 1])["record"]["id"] for n in (2, 4, 6)}
    for n, code in ((2, 0), (4, 1), (6, 1)):
        out = tmp_path / f"{n}.html"
        result = run("report", log, "--id", ids[n], "--out", out, "--audit-key", key.path)
        assert (result.exit_code, out.exists()) == (code, code == 0), (name, n, result.stderr)


def test_open_batch_verify_text_counts_the_vouched_entries(tmp_path, batched):
    log, _ = verdict(tmp_path, batched[:6] + [follows(batched, 4)])
    result = run("audit", "verify", log)
    assert result.exit_code == 1
    assert f"NOT intact; 2 entries verified before line 3 (head {json.loads(batched[1])['hash']}); " \
           "lines 3-6 are in doubt too" in result.stderr


def test_open_batch_guard_problems_outside_a_batch_count_every_entry_before_them(tmp_path, batched):
    """Guard: a problem after a committed batch, or before any, counts every entry before its line."""
    after = batched + [follows(batched, 7, in_batch=False).replace(b'"seq":8', b'"seq":88', 1)]
    before = batched[:1] + [batched[1].replace(b'"seq":2', b'"seq":22', 1)] + batched[2:]
    for lines, line in ((after, 8), (before, 2)):
        log, v = verdict(tmp_path, lines)
        assert (v.problem.code, v.problem.pos.line, v.entries) == ("PF602", line, line - 1), v.problem.format()
        assert v.head == json.loads(batched[line - 2])["hash"]
        assert json.loads(run("audit", "verify", log, "--format", "json").stdout)["in_doubt"] is None
    _, intact = verdict(tmp_path, batched)
    assert intact.intact and (intact.entries, intact.head) == (7, json.loads(batched[6])["hash"])
