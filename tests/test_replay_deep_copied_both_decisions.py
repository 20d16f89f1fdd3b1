"""`replay` deep-copied the recorded decision and the one made again, every record, only to
set the trace's rule-set and engine names aside before comparing them: about three tenths of
the time `replay` took on a log of 5,000 records, copying a trace of hundreds of entries twice.
The two are now compared without them and copied not at all; a difference the result names is
still its own copy, so changing the result changes no record."""
from __future__ import annotations

import copy
import json

from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.errors import Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, SENSITIVE_EXAMPLE, example_facts, record_for
from .helpers import ROOT

UNSEALED = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact


def test_replay_copies_no_decision(engine, key, monkeypatch):
    records = [record_for(engine, path, key) for path in (EXAMPLES[0], SENSITIVE_EXAMPLE, EXAMPLES[-1])]
    copies = []
    real = copy.deepcopy
    monkeypatch.setattr(copy, "deepcopy", lambda value, *args: copies.append(1) or real(value, *args))
    for record in records:
        before = json.dumps(record, sort_keys=True)
        result = replay(engine, record, key, Pos("record.json"))
        assert result["status"] == "reproduced", result
        assert json.dumps(record, sort_keys=True) == before  # the record read is left as it was
    assert copies == []  # was 2 a record


def test_a_difference_named_is_the_results_own(engine):
    record = build_record(engine, engine.evaluate(example_facts(UNSEALED)), None)
    edited = json.loads(json.dumps(record))
    edited["decision"]["trace"]["firings"][0]["matched"].append({"fact": "extra", "value": ["a"]})
    edited = check_record(seal(edited), Pos("r"))
    result = replay(engine, edited, None, Pos("r"))
    assert result["status"] == "differs"
    before = json.dumps(edited, sort_keys=True)
    for place in result["differences"]:  # a caller changing the result it was handed
        for side in ("recorded", "now"):
            if isinstance(place.get(side), (dict, list)):
                place[side].clear()
    assert json.dumps(edited, sort_keys=True) == before
