"""The benchmark's batch phase checks what it times (bench/run.py): every row a batch writes
must be numbered as the person's place, carry no error, give the person's decision as pathfit
makes it in process and fire what the floor fires, and an audited batch must write the same
rows but for each record's id. A row changed, lost or out of order is counted; nothing else
is."""
from __future__ import annotations

import json

import pytest

import bench.run
from bench.run import _without_record_ids, run_batch, rows_disagreeing
from pathfit.engine import Engine
from tools import synth


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """(rules folder, people, the plain batch's rows as written, the audited batch's)."""
    work = tmp_path_factory.mktemp("batch")
    rules = work / "rules30"
    synth.write_rule_base(rules, 30, seed=11)
    engine = Engine.load(rules)
    people = synth.profiles(engine.ruleset, 25, seed=5, known_fraction=1.0)
    engine.close()
    cohort = work / "rows.jsonl"
    cohort.write_text("".join(json.dumps({"id": f"p{i}", **p}) + "\n" for i, p in enumerate(people)))
    run_batch(cohort, rules, 1, work / "plain.jsonl")
    run_batch(cohort, rules, 1, work / "audited.jsonl", "--audit-log", str(work / "log.jsonl"))
    return rules, people, work / "plain.jsonl", work / "audited.jsonl"


def test_a_batch_as_written_agrees_row_by_row(batch):
    rules, people, plain, _ = batch
    assert rows_disagreeing(rules, people, plain.read_bytes()) == 0


@pytest.mark.parametrize("change, expected", [
    (lambda rows: rows[3].update(outcome="not_now" if rows[3]["outcome"] != "not_now" else "refer"), 1),
    (lambda rows: rows[5].update(fired=rows[5]["fired"][:-1]), 1),
    (lambda rows: rows[7].update(fired=list(reversed(rows[7]["fired"]))), 1),
    (lambda rows: rows[8].update(confidence=rows[8]["confidence"] / 2 if rows[8]["confidence"] else 0.5), 1),
    (lambda rows: rows[9].update(formats=rows[9]["formats"] + ["extra"]), 1),
    (lambda rows: rows[2].update(settled=not rows[2]["settled"]), 1),
    (lambda rows: rows.pop(), 1),
    (lambda rows: rows.insert(0, rows.pop(1)), 2),
    (lambda rows: rows[4].update(errors=[{"code": "PF101", "message": "m", "line": 5, "col": 1}]), 1),
    (lambda rows: rows[6].update(row=7 if rows[6]["row"] != 7 else 8), 1),
])
def test_a_row_changed_lost_or_moved_is_counted(batch, change, expected):
    rules, people, plain, _ = batch
    rows = [json.loads(line) for line in plain.read_text().splitlines()]
    decided = ("outcome", "confidence", "referral", "formats", "fired")
    assert len(rows[7]["fired"]) > 1  # so reversed, its order changes
    assert [rows[0][k] for k in decided] != [rows[1][k] for k in decided]  # so swapped, both are wrong
    change(rows)
    written = "".join(json.dumps(r) + "\n" for r in rows).encode()
    assert rows_disagreeing(rules, people, written) == expected


def test_an_audited_batch_writes_the_same_rows_but_for_record_ids(batch):
    _, _, plain, audited = batch
    with_ids = [json.loads(line) for line in audited.read_text().splitlines()]
    assert all(r["record_id"] for r in with_ids)  # each row names its audit record
    assert _without_record_ids(audited) == _without_record_ids(plain)
    assert _without_record_ids(audited) == [json.loads(line) for line in plain.read_text().splitlines()]


def test_a_row_the_floor_does_not_fire_alike_is_counted(batch, monkeypatch):
    rules, people, plain, _ = batch
    rows = [json.loads(line) for line in plain.read_text().splitlines()]
    real = bench.run.CoreRunner.run
    odd = people[2]

    def floor_differs_for_one(self, facts):
        fired = real(self, facts)
        return frozenset() if facts == rules_engine_check(rules, odd) else fired

    monkeypatch.setattr(bench.run.CoreRunner, "run", floor_differs_for_one)
    assert rows[2]["fired"]  # so an empty firing differs
    assert rows_disagreeing(rules, people, plain.read_bytes()) == 1


def rules_engine_check(rules, person: dict) -> dict:
    """The person's facts as the engine hands them to the floor."""
    engine = Engine.load(rules)
    try:
        return engine.check(person)
    finally:
        engine.close()
