"""The words for JSON opening with a byte order mark (shared by a batch's JSON Lines rows, an audit
log's lines, a record file and a JSON profile) said the mark was there "as where a file saved with
one was joined to the end of another": at the start of an audit log that an editor saved with a
mark, line 1, no file was joined. The words now name both ways a mark comes to open the text."""
from __future__ import annotations

import io

import pytest

from pathfit.engine import Engine, PathfitError
from pathfit.engine.audit.record import loads_strict
from pathfit.engine.cohort.rows import read_rows
from pathfit.engine.errors import Pos


def test_an_audit_logs_first_line_opening_with_a_mark_is_not_said_to_be_a_joined_file():
    with pytest.raises(PathfitError) as refused:
        loads_strict('\ufeff{"hash": "x"}', Pos("audit.jsonl", 1, 1))
    problem = refused.value.problems[0]
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF608", 1, 1)
    assert "a file saved with one starts" in problem.message, problem.message


def test_a_joined_rows_mark_still_says_how_it_came_there():
    data = '{"id": "a"}\n\ufeff{"id": "b"}\n'.encode()
    rows = list(read_rows(io.BytesIO(data), "in.jsonl", "jsonl", Engine.load().ruleset.facts))
    assert (rows[1].error.code, rows[1].error.pos.line, rows[1].error.pos.col, rows[1].id) == ("PF102", 2, 1, "b")
    assert "joined to the end of another" in rows[1].error.message
