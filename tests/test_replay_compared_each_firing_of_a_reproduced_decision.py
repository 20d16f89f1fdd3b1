"""`replay` compared every firing's every effect of a decision (six, each written out as
canonical JSON on both sides) before comparing the whole decision, which holds them: about
sixty serialisations a record that reproduces, for a list of firing changes that is empty
whenever the whole is the same. The firings are compared only where the whole differs."""
from __future__ import annotations

import json

from pathfit.engine.audit import replay as replay_module
from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.errors import Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, SENSITIVE_EXAMPLE, example_facts, record_for
from .helpers import ROOT

UNSEALED = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact


def _counted(monkeypatch) -> list:
    calls: list = []
    real = replay_module.canonical
    monkeypatch.setattr(replay_module, "canonical", lambda value: calls.append(1) or real(value))
    return calls


def test_a_reproduced_decision_is_written_out_once_a_side(engine, key, monkeypatch):
    records = [record_for(engine, path, key) for path in (EXAMPLES[1], SENSITIVE_EXAMPLE, EXAMPLES[-1])]
    assert all(len(r["decision"]["trace"]["firings"]) >= 2 for r in records)
    calls = _counted(monkeypatch)
    for record in records:
        result = replay_module.replay(engine, record, key, Pos("record.json"))
        assert result["status"] == "reproduced" and result["firings"] == [], result
    assert len(calls) == 2 * len(records)  # the whole decision, recorded and made again


def test_a_decision_that_differs_still_names_the_firing(engine, monkeypatch):
    record = build_record(engine, engine.evaluate(example_facts(UNSEALED)), None)
    edited = json.loads(json.dumps(record))
    firing = edited["decision"]["trace"]["firings"][0]
    firing["matched"].append({"fact": "extra", "value": ["a"]})
    result = replay_module.replay(engine, check_record(seal(edited), Pos("r")), None, Pos("r"))
    assert result["status"] == "differs"
    assert [(f["rule"], f["change"], sorted(f["diff"])) for f in result["firings"]] == \
        [(firing["rule"], "fires differently", ["matched"])]
