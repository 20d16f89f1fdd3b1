"""Appending after a last entry that is chained as written but holds no record this pathfit
reads reports the record's own code, as verify does (PF615 for a newer record, PF608 for an
invalid one), not PF602 "does not match its hash"; an entry really edited stays PF602."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import read_lines
from pathfit.engine.audit.verify import verify_lines
from pathfit.engine.errors import PathfitError

from .audit_support import PLAIN_EXAMPLE, build_log, engine, key, record_for, rehashed  # the module-scoped fixtures the audit tests share


def _newer(entry: dict) -> None:
    entry["record"]["record_version"] = 4  # as a newer pathfit would write it


def _disagreeing(entry: dict) -> None:
    decision = entry["record"]["decision"]
    decision["recommendation"] = "not_now" if decision["recommendation"] != "not_now" else "coaching"


@pytest.mark.parametrize("change,code,says", [
    (lambda line: rehashed(line, _newer), "PF615", "newer than this pathfit reads"),
    (lambda line: rehashed(line, _disagreeing), "PF608", "does not agree with itself"),
    (lambda line: line.replace(b'"seq":', b'"seq": ', 1), "PF602", "not in canonical form"),
    (lambda line: line.replace(b'"time":"2', b'"time":"1', 1), "PF602", "does not match its hash"),
])
def test_append_after_a_last_entry_names_what_is_wrong_with_it(tmp_path, engine, key, change, code, says):
    log = tmp_path / "audit.jsonl"
    lines = build_log(engine, key, log, 2)
    lines[-1] = change(lines[-1])
    if code != "PF602":  # rehashed: the last entry still follows on from the one before it
        entry = json.loads(lines[-1])
        assert entry["prev"] == json.loads(lines[0])["hash"]
    log.write_bytes(b"".join(lines))
    verdict = verify_lines(read_lines(log), str(log))
    assert verdict.problem.code == code and verdict.problem.pos.line == 2
    with pytest.raises(PathfitError) as caught:
        append(log, record_for(engine, PLAIN_EXAMPLE, key))
    [problem] = caught.value.problems
    assert problem.code == code and says in problem.message, problem.format()
    assert log.read_bytes() == b"".join(lines)  # nothing appended
