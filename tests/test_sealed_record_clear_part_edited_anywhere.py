"""A sealed record's clear part edited anywhere, and its record_digest worked out again as anyone
can, does not replay: every value of the clear part (each fact, outcome field, rule, fired rule,
trace entry and figure) changed in turn, every list shortened and reversed, is refused as a
record is read and replayed (`check_record`, then `replay`, as `pathfit replay` does), never
replayed as reproduced. A few hand-picked edits would leave a check that skipped one part (the
fired rules, say) unnoticed."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import SENSITIVE_EXAMPLE, example_facts
from .test_audit_clear_binding import as_version_2


def _places(value, path=()):
    """(path, value) of every dict member and list item under `value`, lists themselves too."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield path + (name,), inner
            yield from _places(inner, path + (name,))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield path + (i,), inner
            yield from _places(inner, path + (i,))


def _edits(value, shorten: bool = True) -> list:
    """Other values of the same kind as `value` (a list shortened only if `shorten`)."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, (int, float)):
        return [value + 1]
    if isinstance(value, str):
        return [value + "x"]
    if value is None:
        return ["x"]
    if isinstance(value, list):
        return ([value[:-1]] if value and shorten else []) + ([value[::-1]] if value != value[::-1] else [])
    return []


def _refused_edits(engine, key, record: dict, checked, shorten: bool = True) -> tuple[int, list]:
    """(edits tried, (path, value) of those replayed all the same) of every edit at a path
    `checked` takes."""
    tried, kept = 0, []
    for path, value in list(_places(record)):
        if not checked(path):
            continue
        for new in _edits(value, shorten):
            edited = json.loads(json.dumps(record))
            parent = edited
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = new
            tried += 1
            try:
                replay(engine, check_record(seal(edited), Pos("r")), key, Pos("r"))
            except PathfitError as err:
                assert err.codes[0] in ("PF608", "PF609", "PF615", "PF630"), (path, err.codes)
            else:
                kept.append((path, new))
    return tried, kept


def test_every_edit_of_a_sealed_records_clear_part_is_refused(engine, key):
    record = build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key)
    assert record["masking"]["box"]  # sealed: the clear part is checked against the box
    replay(engine, check_record(json.loads(json.dumps(record)), Pos("r")), key, Pos("r"))  # the record as made replays
    # every member but the seal itself (its box, tag and nonce: tests/test_audit_sealing.py)
    tried, kept = _refused_edits(engine, key, record, lambda path: path[0] not in ("masking", "record_digest"))
    assert tried > 500
    assert kept == []


def test_a_sealed_records_fired_rules_reordered_are_refused_at_decision_fired(engine, key):
    record = build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key)
    fired = record["decision"]["fired"]
    assert len(fired) > 1 and fired != fired[::-1]
    record["decision"]["fired"] = fired[::-1]
    with pytest.raises(PathfitError) as info:
        replay(engine, check_record(seal(record), Pos("r")), key, Pos("r"))
    assert info.value.codes == ["PF630"] and "at decision.fired" in info.value.problems[0].message


def test_every_edit_a_version_2_seal_can_check_is_refused(engine, key):
    """A version 2 box holds the facts, decision, outcome and rules, not the rest of the clear
    part, nor what the clear decision leaves out (clear_binding.LEGACY_UNCHECKED): each value of
    those four changed, each list reversed, is refused (a list shortened is what a clear part
    leaving an entry out looks like, which such a box cannot tell)."""
    record = as_version_2(build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key), key)
    replay(engine, check_record(json.loads(json.dumps(record)), Pos("r")), key, Pos("r"))
    tried, kept = _refused_edits(engine, key, record, lambda path: path[0] in ("facts", "outcome", "rules", "decision")
                                 and path[:2] != ("decision", "sealed"), shorten=False)
    assert tried > 400
    assert kept == []
