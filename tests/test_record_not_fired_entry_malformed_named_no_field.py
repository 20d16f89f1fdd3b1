"""A record's trace entry for a rule that did not fire, malformed, was refused (PF608) as "record's
not_fired entry for RULE is malformed": which field, and how, was not said, where every other field
of a record is named with its path. Now each is named as the others are: the field missing, of the
wrong type, or a status that is neither failed nor waiting; the same words from every reader."""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, example_facts  # the module-scoped engine fixture, and a profile's facts
from .helpers import ROOT

UNSEALED = ROOT / "examples" / "executive-learning-digital-from-juniors.yaml"  # no sensitive fact given


@pytest.fixture(scope="module")
def record(engine):
    record = build_record(engine, engine.evaluate(example_facts(UNSEALED)), None)
    entries = record["decision"]["trace"]["not_fired"]
    assert entries[0]["status"] == "failed" and entries[3]["status"] == "waiting"
    return record


# (entry, change, what the message says after "PF608: ")
CASES = [
    (0, lambda e: e.pop("condition"), "record has no decision.trace.not_fired[0].condition"),
    (0, lambda e: e.pop("observed"), "record has no decision.trace.not_fired[0].observed"),
    (0, lambda e: e.pop("expected"), "record has no decision.trace.not_fired[0].expected"),
    (0, lambda e: e.update(condition=7), "record field decision.trace.not_fired[0].condition has the wrong type"),
    (0, lambda e: e.update(condition=None), "record field decision.trace.not_fired[0].condition has the wrong type"),
    (0, lambda e: e.update(condition=["a"]), "record field decision.trace.not_fired[0].condition has the wrong type"),
    (0, lambda e: e.update(status="fired"), "record field decision.trace.not_fired[0].status is neither failed nor waiting"),
    (0, lambda e: e.update(status="Failed"), "record field decision.trace.not_fired[0].status is neither failed nor waiting"),
    (0, lambda e: e.update(status="waiting"), "record has no decision.trace.not_fired[0].unknown"),
    (0, lambda e: e.update(unknown=7), "record field decision.trace.not_fired[0].unknown has the wrong type"),
    (3, lambda e: e.pop("unknown"), "record has no decision.trace.not_fired[3].unknown"),
    (3, lambda e: e.update(unknown="x"), "record field decision.trace.not_fired[3].unknown has the wrong type"),
    (3, lambda e: e.update(unknown=None), "record field decision.trace.not_fired[3].unknown has the wrong type"),
    (3, lambda e: e.update(unknown={"a": 1}), "record field decision.trace.not_fired[3].unknown has the wrong type"),
    (3, lambda e: e.update(unknown=[7]), "record field decision.trace.not_fired[3].unknown has the wrong type"),
    (3, lambda e: e.update(unknown=[["a"]]), "record field decision.trace.not_fired[3].unknown has the wrong type"),
    (3, lambda e: e.update(condition=7), "record field decision.trace.not_fired[3].condition has the wrong type"),
]


@pytest.mark.parametrize("n, change, said", CASES, ids=[said.split(" ", 2)[2] + f" ({i})" for i, (_, _, said) in
                                                        enumerate(CASES)])
def test_a_malformed_not_fired_entry_is_named_by_its_field(record, tmp_path, n, change, said):
    forged = copy.deepcopy(record)
    change(forged["decision"]["trace"]["not_fired"][n])
    forged = seal(forged)
    with pytest.raises(PathfitError) as info:
        check_record(forged, Pos("r.json"))
    assert [(p.code, p.message) for p in info.value.problems] == [("PF608", said)]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(forged))
    for args in (["audit", "show", str(path)], ["report", str(path), "--out", str(tmp_path / "r.html")],
                 ["replay", str(path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and result.stderr.strip() == f"{path}:0:0: PF608: {said}", (args, result.stderr)
        assert "Traceback" not in result.output and not (tmp_path / "r.html").exists()
