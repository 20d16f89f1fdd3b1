"""`audit verify`, `audit head`, `audit show` and `replay` verify a whole log first, and held, to
their end, every entry's parsed entry (its hashes, seq, time, batch and record id as new strings),
the Line it was read into and, for show and replay, an Item: about 1.4 KB an entry for `audit
verify` and 1.8 KB for show and replay (so several GB for a log of a million entries), though a
record is dropped as soon as it is checked. The lines are now held packed (engine.audit.packed),
and the items made afresh each time they are gone through: about 150 bytes an entry for verify
and 220 for show and replay. What grows with the number of entries is measured here (the bytes
held at the largest size less those at a smaller, over the entries between), so what a command
holds once whatever the log (its rules, a record being read) cancels out; every line given back
from the packed form is the Line that was packed."""
from __future__ import annotations

import gc
import importlib
import tracemalloc

import pytest

from pathfit.engine.audit.log import GENESIS, entry_hash, read_lines
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.record import canonical

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import EXAMPLES, make_key, peak_while, record_for, run

# The smaller log all but empty, so that its run costs little; the span to the larger is where the
# growth is measured. Bytes an entry come out higher here than over 100 to 400 entries (250-375),
# so the bound is no looser than there.
SIZES = (10, 200)
LIMIT = 600  # bytes an entry: 315-430 at these sizes now, 1,530-1,770 with the lines held unpacked
COMPARED = 100  # the entries of the log whose lines are read both ways


@pytest.fixture(scope="module")
def logs(engine, tmp_path_factory):
    """Logs of SIZES and COMPARED entries, the examples' records in turn, some in batches, then one
    record of another example last (the one `--id` names); the key; that record's id."""
    directory = tmp_path_factory.mktemp("logs")
    key_file = make_key(directory)
    key = load_key(str(key_file))
    records = [record_for(engine, path, key) for path in EXAMPLES[:3]]
    last = record_for(engine, EXAMPLES[3], key)
    made = {}
    for count in (*SIZES, COMPARED):
        made[count] = directory / f"audit-{count}.jsonl"
        made[count].write_bytes(_chained(records, count, last))
    return made, key_file, last["id"]


def _chained(records: list, count: int, last: dict) -> bytes:
    """A log of `count` entries holding `records` in turn, then `last`, chained as an append chains
    them; every tenth entry on is a batch of five records between its begin and commit markers."""
    out, prev, seq, n = [], GENESIS, 0, 0

    def add(entry: dict) -> None:
        nonlocal prev, seq
        seq += 1
        entry.update(prev=prev, seq=seq, time=f"2026-12-05T10:00:{seq % 60:02d}.000000Z")
        entry["hash"] = prev = entry_hash(entry)
        out.append(canonical(entry) + b"\n")

    while seq < count - 1:
        if seq % 10 == 0 and count - seq >= 8:
            batch = f"{seq:064x}"
            add({"batch": {"id": batch, "mark": "begin", "records": 5}})
            for _ in range(5):
                add({"in_batch": batch, "record": records[n % len(records)]})
                n += 1
            add({"batch": {"id": batch, "mark": "commit", "records": 5}})
        else:
            add({"record": records[n % len(records)]})
            n += 1
    add({"record": last})
    return b"".join(out)


def _per_entry(measure) -> float:
    """The bytes `measure(count)` gives for the larger log less the smaller's, over the entries between."""
    small, large = (measure(count) for count in SIZES)
    return (large - small) / (SIZES[1] - SIZES[0])


def _held(make) -> int:
    """The bytes still held by what `make()` returns, once it has returned."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = make()
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        del kept
        return held
    finally:
        tracemalloc.stop()


def test_show_and_replay_hold_a_few_hundred_bytes_an_entry_once_the_log_is_verified(logs):
    made, _, _ = logs
    stream = importlib.import_module("pathfit.engine.audit.stream")
    run("audit", "verify", made[SIZES[0]])  # what is imported or kept on a first run is not the log's
    assert _per_entry(lambda count: _held(lambda: stream.CheckedLog(made[count]))) < LIMIT


@pytest.mark.parametrize("command", [["audit", "verify"], ["audit", "show", "--outcome", "no_such_outcome"],
                                     ["audit", "show", "--id", "ID"], ["replay", "--id", "ID"]])
def test_a_command_on_a_log_grows_by_a_few_hundred_bytes_an_entry(command, logs, monkeypatch):
    made, key_file, last_id = logs
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))

    def peak(count: int) -> int:
        options = [last_id if a == "ID" else a for a in command[2 if command[0] == "audit" else 1:]]
        args = [*command[:2 if command[0] == "audit" else 1], made[count], *options]
        if count == SIZES[0]:  # what is imported or kept on a first run is not the command's own
            run(*args)
        done: list = []
        held = peak_while(lambda: done.append(run(*args)))
        assert done[0].exit_code == 0, done[0].output  # the whole log gone through, not given up early
        return held

    assert _per_entry(peak) < LIMIT


def test_every_line_is_given_back_as_it_was_read(logs):
    made, _, _ = logs
    for keep in ({"keep_records": False}, {"keep": lambda record: False, "digests": True}):
        plain = read_lines(made[COMPARED], **keep)
        packed = read_lines(made[COMPARED], packed=True, **keep)
        assert len(packed) == len(plain) and list(packed) == plain and packed[-1] == plain[-1]
