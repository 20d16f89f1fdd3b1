"""Regression: every append read the log's last entry back and parsed it whole (its JSON, its
hash and canonical form worked out again, its record checked for shape and digest) before
continuing the chain, even where that entry was the one the same process had just written and
its bytes were still exactly those written. A service recording a decision a request paid for
the decision before it each time: on a rule set of 1,000 rules, about 8 ms of a request's 70.
Now an append whose log still ends with the very bytes this process last appended there takes
what it wrote as read; any other last line (another process's, or one changed since, by a single
byte) is parsed and refused as before.

Counted, not timed: the last entries parsed by appends."""
from __future__ import annotations

import pytest

from pathfit.engine.audit import append as appending
from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import parse_line, read_lines
from pathfit.engine.audit.verify import verify_lines
from pathfit.engine.errors import PathfitError

from .audit_support import EXAMPLES, engine, key, record_for  # the module-scoped fixtures the audit tests share


@pytest.fixture
def parsed(monkeypatch):
    seen: list[int] = []

    def counted(raw, *args, **kwargs):
        seen.append(len(raw))
        return parse_line(raw, *args, **kwargs)

    monkeypatch.setattr(appending, "parse_line", counted)
    return seen


def test_appends_in_turn_take_their_own_last_entry_as_written(engine, key, tmp_path, parsed):
    log = tmp_path / "audit.jsonl"
    records = [record_for(engine, EXAMPLES[i % len(EXAMPLES)], key) for i in range(4)]
    entries = [append(log, record) for record in records]
    assert parsed == []  # was three: each append after the first parsed the entry before it
    assert [e["seq"] for e in entries] == [1, 2, 3, 4]
    assert [e["prev"] for e in entries[1:]] == [e["hash"] for e in entries[:-1]]
    verdict = verify_lines(read_lines(log), str(log))
    assert (verdict.problem, verdict.entries, verdict.head) == (None, 4, entries[-1]["hash"])


def test_a_last_entry_changed_since_is_parsed_and_refused(engine, key, tmp_path, parsed):
    log = tmp_path / "audit.jsonl"
    append(log, record_for(engine, EXAMPLES[0], key))
    data = log.read_bytes()
    at = data.rindex(b'"seq":1')  # the same length, one byte changed: the hash no longer matches
    log.write_bytes(data[:at] + b'"seq":2' + data[at + 7:])
    with pytest.raises(PathfitError) as refused:
        append(log, record_for(engine, EXAMPLES[1], key))
    assert [p.code for p in refused.value.problems] == ["PF602"]
    assert len(parsed) == 1


def test_another_writers_entry_after_it_is_parsed(engine, key, tmp_path, parsed, monkeypatch):
    log = tmp_path / "audit.jsonl"
    append(log, record_for(engine, EXAMPLES[0], key))
    monkeypatch.setattr(appending, "_LAST_APPENDED", None, raising=False)  # as another process finds the log
    append(log, record_for(engine, EXAMPLES[1], key))
    assert len(parsed) == 1
    before = len(parsed)
    append(log, record_for(engine, EXAMPLES[2], key))
    assert len(parsed) == before  # the entry this process wrote last, as written
