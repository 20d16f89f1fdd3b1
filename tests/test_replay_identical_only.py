"""`replay` says reproduced only when the recorded decision is identical to today's as JSON:
`true` is not `1`, `2` is not `2.0` (Python's == has them equal); a sealed record (version 3,
first written after decisions had `label` and `ranking`) that lacks one differs; a record of
an older version may lack them, and the replay says it compared without them."""
from __future__ import annotations

import copy

import pytest

from pathfit.engine.audit import record as record_module
from pathfit.engine.audit.record import build_record, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import SENSITIVE_EXAMPLE, engine, example_facts, key  # the module-scoped fixtures the audit tests share
from .helpers import ROOT

UNSEALED_EXAMPLE = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact given


def _retyped(record: dict, retype) -> int:
    count = 0
    for firing in record["decision"]["trace"]["firings"]:
        for match in firing["matched"]:
            new = retype(match.get("value"))
            if new is not None:
                match["value"], count = new, count + 1
    return count


def _plain(engine, key) -> dict:
    record = build_record(engine, engine.evaluate(example_facts(UNSEALED_EXAMPLE)), None)
    assert record["record_version"] == 1 and "label" in record["decision"] and "ranking" in record["decision"]
    return record


def test_an_unchanged_record_is_reproduced(engine, key):
    result = replay(engine, _plain(engine, key), key, Pos("r.json"))
    assert (result["status"], result["firings"], result["notes"]) == ("reproduced", [], [])


@pytest.mark.parametrize("retype", [
    lambda v: 1 if v is True else None,  # true -> 1
    lambda v: float(v) if isinstance(v, int) and not isinstance(v, bool) else None,  # 2 -> 2.0
])
def test_a_trace_value_of_another_json_type_differs(engine, key, retype):
    record = _plain(engine, key)
    assert _retyped(record, retype) > 0
    result = replay(engine, seal(record), key, Pos("r.json"))
    assert result["status"] == "differs"
    assert result["differences"] and all(".matched[" in d["path"] for d in result["differences"])
    assert all(type(d["recorded"]) is not type(d["now"]) for d in result["differences"])
    assert result["firings"] and all(f["change"] == "fires differently" for f in result["firings"])


@pytest.mark.parametrize("field", ["label", "ranking"])
def test_a_sealed_record_without_a_field_it_always_has_is_refused(engine, key, field, monkeypatch):
    """Version 3 was first written with `label` and `ranking`: one without them lost them, and
    its shape is refused once opened (PF608), never replayed as an older record."""
    decision = engine.evaluate(example_facts(SENSITIVE_EXAMPLE))
    made = record_module.recorded_decision  # the record's decision, made without `field`
    monkeypatch.setattr(record_module, "recorded_decision",
                        lambda rs, d: {k: v for k, v in made(rs, d).items() if k != field})
    record = build_record(engine, decision, key)
    monkeypatch.undo()
    assert record["record_version"] == 3
    with pytest.raises(PathfitError) as refused:
        replay(engine, record, key, Pos("r.json"))
    (problem,) = refused.value.problems
    assert problem.code == "PF608" and f"record has no decision.{field}" in problem.message


@pytest.mark.parametrize("fields", [("label",), ("ranking",), ("label", "ranking")])
def test_an_older_record_without_later_fields_is_compared_without_them_and_says_so(engine, key, fields):
    record = copy.deepcopy(_plain(engine, key))
    for field in fields:
        del record["decision"][field]  # a record made before decisions had them
    result = replay(engine, seal(record), key, Pos("r.json"))
    assert result["status"] == "reproduced"
    assert result["notes"] == [f"the record has no {' or '.join(fields)}, as a record made before pathfit "
                               f"recorded {'them' if len(fields) > 1 else 'it'} has none: compared without "
                               f"{'them' if len(fields) > 1 else 'it'}"]
