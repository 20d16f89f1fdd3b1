"""A batch (engine/long_lived.py) sets what is alive when it starts (the rule set, the explanation's
evaluators) apart from the garbage collector for its run and hands it back after,
so full collections walk only the rows' objects; a process that set objects apart
itself keeps its own choice; and the results do not depend on any of it."""
from __future__ import annotations

import gc

from pathfit.engine import Engine
from pathfit.engine.cohort.batch import Audit, run_batch
from pathfit.engine.cohort.rows import Row
from tools import synth


def _rows(engine: Engine, n: int) -> list[Row]:
    people = synth.profiles(engine.ruleset, n, seed=3, known_fraction=0.8)
    return [Row(i + 1, i + 1, f"p{i}", p) for i, p in enumerate(people)]


def _collected(obj: object) -> bool:
    """Whether the collector walks `obj`: set-apart objects are in none of its generations."""
    return any(o is obj for o in gc.get_objects())


def _run(engine: Engine, rows: list[Row], audit: Audit | None, marker: object) -> tuple[list, list]:
    walked, chunks = [], []
    for chunk in run_batch(engine, rows, "cohort.jsonl", 1, "jsonl", audit):
        walked.append(_collected(marker))
        chunks.append(chunk)
    return walked, chunks


def test_a_batch_sets_what_is_alive_apart_for_its_run_and_gives_it_back(tmp_path):
    assert gc.get_freeze_count() == 0
    synth.write_rule_base(tmp_path, 40, seed=2)  # no sensitive facts: records need no key
    with Engine.load(tmp_path) as engine:
        rows = _rows(engine, 150)
        marker = [[]]  # alive before the batch, as the rule set is
        walked, chunks = _run(engine, rows, Audit(None, "cohort.jsonl", None), marker)
        assert len(walked) == 3 and walked == [False] * 3
        assert gc.get_freeze_count() == 0 and _collected(marker) and _collected(engine.ruleset.rules)
        assert all(chunk.records for chunk in chunks)  # every row explained and recorded
        walked, plain = _run(engine, rows, None, marker)
        assert walked == [False] * 3
        assert [c.outcomes for c in plain] == [c.outcomes for c in chunks]


def test_a_process_that_set_objects_apart_itself_keeps_its_choice():
    with Engine.load() as engine:
        gc.freeze()
        try:
            marker = [[]]  # created after the process's own freeze
            walked, _ = _run(engine, _rows(engine, 70), None, marker)
            assert walked == [True, True]  # the batch did not freeze it
            assert gc.get_freeze_count() > 0  # nor unfreeze what the process froze
        finally:
            gc.unfreeze()
