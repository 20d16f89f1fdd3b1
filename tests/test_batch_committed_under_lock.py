"""A batch already committed is refused (PF627) twice: before its first row runs, and again
under the log's lock just before its records are appended, for a batch committed by another
run while this one ran its rows. The second refusal comes after every row was run, so it must
not say that nothing was run; either way nothing is appended."""
from __future__ import annotations

import pytest

from pathfit.engine.audit.append import append_lines, check_appendable
from pathfit.engine.audit.commit import Batch
from pathfit.engine.audit.record import canonical
from pathfit.engine.errors import PathfitError

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, record_for

BATCH = "ef" * 32


@pytest.fixture
def committed_log(tmp_path, engine, key):
    """A log in which batch BATCH is committed; and that batch's records."""
    log = tmp_path / "audit.jsonl"
    records = [canonical(record_for(engine, p, key)) for p in EXAMPLES[:2]]
    append_lines(log, records, None, Batch(BATCH, len(records)))
    return log, records


def test_committed_under_the_lock_the_refusal_does_not_say_nothing_was_run(committed_log):
    log, records = committed_log
    before = log.read_bytes()
    with pytest.raises(PathfitError) as info:  # the path a second run of the batch takes after its rows
        append_lines(log, records, None, Batch(BATCH, len(records)))
    problem = info.value.problems[0]
    assert (problem.code, problem.pos.file, problem.pos.line) == ("PF627", str(log), 0)
    assert "nothing was run" not in problem.message  # every row was run by then
    assert log.read_bytes() == before


def test_committed_before_the_first_row_the_refusal_is_pf627_and_appends_nothing(committed_log):
    """Guard: the check before any row runs still refuses, at the log."""
    log, _ = committed_log
    before = log.read_bytes()
    with pytest.raises(PathfitError) as info:
        check_appendable(log, BATCH)
    problem = info.value.problems[0]
    assert (problem.code, problem.pos.file, problem.pos.line) == ("PF627", str(log), 0)
    assert log.read_bytes() == before
