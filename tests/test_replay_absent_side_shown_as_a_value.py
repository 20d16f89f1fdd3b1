"""Replay's differences said a key missing on one side as the text "(absent)", in JSON and in
the text, so a field the decision does not have and a field holding that very text read alike:
a difference could print the same on both sides. Now a side without the key is left out of the
JSON difference, and the text says (absent), which is not JSON, for it alone."""
from __future__ import annotations

import json

from pathfit.cli.replay import render
from pathfit.engine.audit import replay as replay_module
from pathfit.engine.audit.record import build_record, check_record
from pathfit.engine.errors import Pos

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import ROOT, example_facts


def test_a_key_on_one_side_only_is_left_out_of_the_other_side():
    both = replay_module.differences({"a": "(absent)", "b": 1}, {"b": 1, "c": None})
    assert both == [{"path": "decision.a", "recorded": "(absent)"}, {"path": "decision.c", "now": None}]


def test_a_decision_made_again_without_a_field_differs_there_without_a_made_up_value(engine, monkeypatch):
    made = engine.evaluate(example_facts(ROOT / "examples" / "graduate-seeking-career-direction.yaml"))
    record = check_record(json.loads(json.dumps(build_record(engine, made, None))), Pos("r"))
    record["decision"]["shares_open"] = "(absent)"  # a value no later field can be taken for
    recorded = replay_module.recorded_decision
    monkeypatch.setattr(replay_module, "recorded_decision",
                        lambda rs, d: {k: v for k, v in recorded(rs, d).items() if k != "shares_open"})
    result = replay_module.replay(engine, record, None, Pos("r"), checked=True)
    assert result["status"] == "differs"
    assert {"path": "decision.shares_open", "recorded": "(absent)"} in result["differences"]
    text = render(result)
    assert 'differs at decision.shares_open: recorded "(absent)", now (absent)' in text
