"""A decision record's `settled`, which every view reads to say whether the advice is settled or
provisional, was never checked: a provisional decision whose record said `"settled": 1` or
`"yes"` (resealed, as anyone can) passed `audit verify`, and `audit show` and `report` then gave
its confidence as a settled figure ("1.00?"), neither provisional nor settled by their own tests
(`is False`, `is True`). Now it is a boolean, or the record is refused (PF608) naming
`decision.settled`, alike by every reader; a sealed record's clear part may leave it out, as
pathfit seals it, and so may a version 1 record, as pathfit 0.1.0 wrote some
(tests/test_record_without_settled_from_pathfit_0_1_0_refused.py)."""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.append import append_lines
from pathfit.engine.audit.record import build_record, canonical, check_record, seal
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, example_facts, key  # the module-scoped fixtures the audit tests share
from .audit_support import SENSITIVE_EXAMPLE
from .helpers import ROOT

UNSEALED = ROOT / "examples" / "executive-learning-digital-from-juniors.yaml"  # no sensitive fact given
WRONG = [1, 0, "yes", "false", None, [], {"settled": True}]


@pytest.fixture(scope="module")
def record(engine):
    record = build_record(engine, engine.evaluate(example_facts(UNSEALED)), None)
    assert record["masking"] is None and record["decision"]["settled"] is False  # provisional
    return record


def _forged(record: dict, value) -> dict:
    forged = copy.deepcopy(record)
    forged["decision"]["settled"] = value
    return seal(forged)


@pytest.mark.parametrize("value", WRONG, ids=[repr(v) for v in WRONG])
def test_a_settled_that_is_not_a_boolean_is_refused_by_every_reader(record, tmp_path, value):
    forged = _forged(record, value)
    said = "record field decision.settled has the wrong type"
    with pytest.raises(PathfitError) as info:
        check_record(forged, Pos("r.json"))
    assert [(p.code, p.message) for p in info.value.problems] == [("PF608", said)]
    path, log = tmp_path / "r.json", tmp_path / "audit.jsonl"
    path.write_text(json.dumps(forged))
    append_lines(log, [canonical(forged)], None)
    for args in (["audit", "show", str(path)], ["report", str(path), "--out", str(tmp_path / "r.html")],
                 ["replay", str(path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and result.stderr.strip() == f"{path}:0:0: PF608: {said}", (args, result.stderr)
    assert not (tmp_path / "r.html").exists()
    result = CliRunner().invoke(cli, ["audit", "verify", str(log)])
    assert result.exit_code == 1 and result.stdout.strip() == f"{log}:1:1: PF608: {said}", result.output


@pytest.mark.parametrize("value", [True, False])
def test_a_boolean_settled_is_read(record, value):
    assert check_record(_forged(record, value), Pos("r.json"))["decision"]["settled"] is value


def test_a_sealed_clear_part_leaves_it_out_and_may_not_give_it_of_another_type(engine, key):
    sealed = build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key)
    assert "settled" not in sealed["decision"] and "settled" in sealed["decision"]["sealed"]
    check_record(sealed, Pos("r.json"))
    forged = copy.deepcopy(sealed)
    forged["decision"]["settled"] = "yes"
    with pytest.raises(PathfitError) as info:
        check_record(seal(forged), Pos("r.json"))
    assert [(p.code, p.message) for p in info.value.problems] == [
        ("PF608", "record field decision.settled has the wrong type")]
