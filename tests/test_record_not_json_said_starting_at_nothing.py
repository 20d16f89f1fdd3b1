"""A record file or an audit log line that is not JSON was refused with Python's error text
cut before its position, which pathfit gives as a line and column: "not JSON: Unterminated
string starting at", "not JSON: Invalid control character at", a sentence ending on nothing.
A batch row and a JSON profile said the same error whole (cohort.jsonl_rows.json_message);
now a record and a log line do too, at the same place as before."""
from __future__ import annotations

import pytest

from pathfit.engine.audit.log import read_lines
from pathfit.engine.audit.record import loads_strict
from pathfit.engine.errors import PathfitError, Pos


def _refused(text: str) -> tuple:
    with pytest.raises(PathfitError) as info:
        loads_strict(text, Pos("r.json"))
    problem = info.value.problems[0]
    return problem.code, problem.pos.line, problem.pos.col, problem.message


@pytest.mark.parametrize("text,line,col,said", [
    ('{\n  "facts": {"a": "b', 2, 18, "not JSON: Unterminated string: the string that starts here has no closing quote"),
    ('{\n  "fa\n', 2, 6, "not JSON: Unterminated string: the line ends inside it, with no closing quote"),
])
def test_a_record_that_is_not_json_is_said_whole(text: str, line: int, col: int, said: str):
    assert _refused(text) == ("PF608", line, col, said)


def test_an_audit_log_line_that_is_not_json_is_said_whole(tmp_path):
    log = tmp_path / "a.jsonl"
    log.write_bytes(b'{"hash": "3740f76d\n')
    [only] = list(read_lines(log))
    assert (only.problem.code, only.problem.pos.line, only.problem.pos.col) == ("PF601", 1, 10)
    assert not only.problem.message.endswith(" at"), only.problem.message
