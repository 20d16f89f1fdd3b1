"""The hash-chained audit log at the engine level: every way of tampering with it
(edit, edit and rehash, remove, insert, copy, swap, cut mid-line, cut whole
entries) makes verify fail at the first tampered line with the right code; four
processes appending at once leave a log that verifies; a crash mid-append is
detected, refused and repaired; a failed write leaves the log as it was."""
from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pathfit.engine.audit.save import save
from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import GENESIS, read_lines
from pathfit.engine.audit.repair import repair
from pathfit.engine.audit.verify import committed_end, verify_lines
from pathfit.engine.errors import PathfitError

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_writer import write
from .audit_support import EXAMPLES, SENSITIVE_EXAMPLE, build_log, example_facts, record_for, rehashed
from .helpers import ROOT


@pytest.fixture(scope="module")
def pristine(engine, key, tmp_path_factory):
    """A verified log of 8 records, as lines; each test tampers with its own copy."""
    log = tmp_path_factory.mktemp("log") / "audit.jsonl"
    return build_log(engine, key, log, 8)


def verdict_of(tmp_path, lines: list[bytes], expect_head=None):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(lines))
    return verify_lines(read_lines(log), str(log), expect_head)


# --- the log: tampering ----------------------------------------------------------------------------------------

def test_pristine_log_verifies(tmp_path, pristine):
    v = verdict_of(tmp_path, pristine)
    assert v.intact and v.entries == 8 and v.head == json.loads(pristine[-1])["hash"]


def _edit_field(lines):
    return lines[:3] + [lines[3].replace(b'"confidence":', b'"confidence":0.5,"was":', 1)] + lines[4:]


def _forge(lines, at):
    prev = json.loads(lines[at - 1]) if at else {"hash": GENESIS, "seq": 0}
    return rehashed(lines[at], lambda e: (e.update(prev=prev["hash"], seq=prev["seq"] + 1),
                                          _decided(e["record"], "not_now")))


def _decided(record: dict, outcome: str) -> None:
    """`record` made to tell another outcome everywhere it says one, so that it agrees with
    itself: what the chain (not the record's own checks) must expose."""
    record["outcome"]["recommendation"] = record["decision"]["recommendation"] = outcome
    record["decision"]["trace"]["decision"]["outcome"] = outcome


def _restamped(entry: dict) -> None:
    """An edit no check of the record itself can see: another decision time."""
    entry["record"]["timestamp"] = "2020-01-01T00:00:00.000000Z"


@pytest.mark.parametrize("tamper,code,line", [
    (lambda ls: ls[:3] + [ls[3].replace(b'"seq":4', b'"seq":4 ')] + ls[4:], "PF602", 4),  # not canonical
    (lambda ls: ls[:3] + [ls[3].replace(b"0.", b"0.9", 1)] + ls[4:], "PF602", 4),  # edited a value
    (lambda ls: ls[:3] + [rehashed(ls[3], _restamped)] + ls[4:],
     "PF602", 4),  # edited and every digest recomputed: exposed by line 5
    (lambda ls: ls[:3] + ls[4:], "PF603", 4),  # removed entry 4
    (lambda ls: ls[1:], "PF603", 1),  # removed the first entry
    # a forged entry, properly chained, inserted: it and line 5 both follow line 3, and without signatures
    # the chain cannot tell which side was inserted, so the branch is reported where it shows (line 5)
    (lambda ls: ls[:3] + [_forge(ls, 3)] + ls[3:], "PF604", 5),
    (lambda ls: ls[:7] + [_forge(ls, 7)] + ls[7:], "PF604", 9),  # ... just before the last entry
    (lambda ls: ls[:3] + [ls[6]] + ls[3:], "PF604", 4),  # a copy of a later entry inserted
    (lambda ls: ls[:4] + [ls[3]] + ls[4:], "PF604", 5),  # an entry repeated
    (lambda ls: ls[:3] + [ls[4], ls[3]] + ls[5:], "PF605", 4),  # two entries swapped
    (lambda ls: ls[:3] + ls[4:7] + [ls[3]] + ls[7:], "PF605", 4),  # one moved further down
    (lambda ls: ls[:-1] + [ls[-1][: len(ls[-1]) // 2]], "PF606", 8),  # cut mid-line
    (lambda ls: ls[:-1] + [ls[-1][:-1]], "PF606", 8),  # only the newline lost
    (lambda ls: ls[:2] + [b'{"hash": oops}\n'] + ls[2:], "PF601", 3),  # garbage line
])
def test_verify_names_the_first_tampered_entry(tmp_path, pristine, tamper, code, line):
    v = verdict_of(tmp_path, tamper(list(pristine)))
    assert not v.intact
    assert (v.problem.code, v.problem.pos.line) == (code, line), v.problem.format()


def test_a_rehashed_link_names_both_entries_it_could_be(tmp_path, pristine):
    """Regression: with entry 3's `prev` edited and its hash recomputed, verify said entry 2 was
    edited, though line 2 is byte for byte as written. Each of the two lines matches its own
    hash, so the chain cannot tell which was edited: it names both, located at the first."""
    lines = list(pristine)
    lines[2] = rehashed(lines[2], lambda e: e.update(prev="f" * 64))
    v = verdict_of(tmp_path, lines)
    assert (v.problem.code, v.problem.pos.line) == ("PF602", 2)
    assert "entry seq 2 or the entry after it (seq 3, line 3) was edited" in v.problem.message
    edited_first = list(pristine)  # the other way round: entry 2 edited and rehashed, the same finding
    edited_first[1] = rehashed(edited_first[1], _restamped)
    assert verdict_of(tmp_path, edited_first).problem.format() == v.problem.format()


def test_every_tampering_at_every_position_is_located(tmp_path, pristine):
    """Each kind of change at each of the 8 positions: the first tampered line, with its code (for a
    forged entry inserted, the line after it, where the chain branches: unsigned, either may be the stranger)."""
    n = len(pristine)
    for i in range(n):
        ls = list(pristine)
        cases = {
            "edit": (ls[:i] + [ls[i].replace(b'"confidence":', b'"confidence":0.5,"x":', 1)]
                     + ls[i + 1:], "PF602", i + 1),
            "edit+rehash": (ls[:i] + [rehashed(ls[i], _restamped)]
                            + ls[i + 1:], "PF602", i + 1),
            "remove": (ls[:i] + ls[i + 1:], "PF603", i + 1),
            "insert forged": (ls[:i] + [_forge(ls, i)] + ls[i:], "PF604", i + 2),  # where the branch shows
            "insert copy": (ls[:i] + [ls[(i + 3) % n]] + ls[i:], "PF604", i + 1),
        }
        if i < n - 1:
            cases["swap"] = (ls[:i] + [ls[i + 1], ls[i]] + ls[i + 2:], "PF605", i + 1)
        for kind, (lines, code, line) in cases.items():
            v = verdict_of(tmp_path, lines)
            if i == n - 1 and kind in ("edit+rehash", "remove"):  # the end of a chain: only a kept head shows it
                assert v.intact
                v = verdict_of(tmp_path, lines, expect_head=json.loads(pristine[-1])["hash"])
                code, line = "PF607", 0
            assert v.problem is not None, (kind, i)
            assert (v.problem.code, v.problem.pos.line) == (code, line), (kind, i, v.problem.format())
            assert v.doubt_from == (i + 1 if kind == "insert forged" else 0), (kind, i)  # the forged line, too
            if line:  # the entries before the tampered line (or the lines it leaves in doubt) still verify
                good = (v.doubt_from or line) - 1
                assert v.entries == good and v.head == (json.loads(lines[good - 1])["hash"] if good else GENESIS)


def test_an_edit_without_rehash_is_an_edit_not_an_insertion(tmp_path, pristine):
    v = verdict_of(tmp_path, _edit_field(list(pristine)))
    assert (v.problem.code, v.problem.pos.line) == ("PF602", 4)


def test_cutting_whole_entries_shows_only_against_a_head_seen_before(tmp_path, pristine):
    seen = json.loads(pristine[-1])["hash"]
    assert verdict_of(tmp_path, pristine[:6]).intact  # consistent by construction...
    v = verdict_of(tmp_path, pristine[:6], expect_head=seen)  # ...but the head the auditor kept is gone
    assert not v.intact and v.problem.code == "PF607"
    earlier = json.loads(pristine[4])["hash"]
    grown = verdict_of(tmp_path, pristine, expect_head=earlier)
    assert grown.intact and grown.expected_at == 5
    assert verdict_of(tmp_path, [], expect_head=GENESIS).intact


# --- the log: appending ----------------------------------------------------------------------------------------

def test_four_processes_appending_at_once_leave_a_log_that_verifies(tmp_path, key):
    ctx = multiprocessing.get_context("spawn")
    log, writers, each = tmp_path / "audit.jsonl", 4, 75
    barrier = ctx.Barrier(writers)
    examples = [str(p) for p in EXAMPLES]
    procs = [ctx.Process(target=write, args=(str(log), key.path, examples, each, barrier)) for _ in range(writers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    lines = read_lines(log)
    v = verify_lines(lines, str(log))
    assert v.intact and v.entries == writers * each
    assert [ln.entry["seq"] for ln in lines] == list(range(1, writers * each + 1))
    assert len({ln.entry["record"]["id"] for ln in lines}) == writers * each


CRASH = """
import json, os, sys
import pathfit.engine.audit.append as log
from pathfit.engine.audit.record import loads_strict
real = os.write
def crash(fd, data):  # the power goes out halfway through the line
    real(fd, bytes(data)[: len(data) // 2])
    os._exit(9)
log.os.write = crash
with open(sys.argv[2]) as f:
    log.append(sys.argv[1], json.load(f))
"""


def test_a_crash_mid_append_is_detected_refused_and_repaired(tmp_path, pristine, engine, key):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(pristine))
    (tmp_path / "r.json").write_text(json.dumps(record_for(engine, EXAMPLES[1], key)))
    done = subprocess.run([sys.executable, "-c", CRASH, str(log), str(tmp_path / "r.json")], cwd=ROOT,
                          capture_output=True)
    assert done.returncode == 9
    v = verify_lines(read_lines(log), str(log))
    assert (v.problem.code, v.problem.pos.line) == ("PF606", 9)
    with pytest.raises(PathfitError) as info:  # a damaged tail is never buried under new entries
        append(log, record_for(engine, EXAMPLES[0], key))
    assert info.value.codes == ["PF606"]
    line, cut, aside, _ = repair(log, lambda ls: committed_end(ls, str(log)))
    assert line == 9 and log.read_bytes() == b"".join(pristine) and len(Path(aside).read_bytes()) == cut
    append(log, record_for(engine, EXAMPLES[0], key))
    assert verify_lines(read_lines(log), str(log)).entries == 9


def test_a_failed_write_leaves_the_log_as_it_was(tmp_path, pristine, engine, key, monkeypatch):
    import pathfit.engine.audit.append as auditlog

    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(pristine))
    real = os.write

    def disk_full(fd, data):
        real(fd, bytes(data)[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(auditlog.os, "write", disk_full)
    with pytest.raises(PathfitError) as info:
        save(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), str(tmp_path / "r.json"), str(log),
             key.path)
    assert info.value.codes == ["PF617"]
    assert log.read_bytes() == b"".join(pristine) and not (tmp_path / "r.json").exists()


def test_append_refuses_a_log_whose_last_entry_was_edited(tmp_path, pristine, engine, key):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(_edit_field(list(pristine[:4]))))
    with pytest.raises(PathfitError) as info:
        append(log, record_for(engine, EXAMPLES[0], key))
    assert info.value.codes == ["PF602"]


def test_only_sealed_records_are_appended(tmp_path):
    log = tmp_path / "audit.jsonl"
    with pytest.raises(PathfitError) as info:
        append(log, {"id": "not a record"})
    assert info.value.codes == ["PF608"] and not log.exists()


def test_repair_on_short_writes_sets_every_byte_aside(tmp_path, pristine, monkeypatch):
    """Regression: the aside file held only the first write's bytes (4096 of 9000) on a full-ish disk."""
    import pathfit.engine.files as files

    log = tmp_path / "audit.jsonl"
    tail = pristine[-1][:-1] * 3  # a partial last line of several KiB
    log.write_bytes(b"".join(pristine[:-1]) + tail)
    real = os.write
    monkeypatch.setattr(files.os, "write", lambda fd, data: real(fd, bytes(data)[:4096]))
    line, cut, aside, _ = repair(log, lambda ls: committed_end(ls, str(log)))
    assert cut == len(tail) > 4096 and Path(aside).read_bytes() == tail
    assert log.read_bytes() == b"".join(pristine[:-1])
