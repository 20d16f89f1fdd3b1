"""An audited batch row says whether its decision is settled, then its record takes the
trace, which holds the missing facts and settledness too: the trace worked both out again
(and `to_dict()` asked `missing` alone before the trace), so an audited batch of the example
corpus, where most people are partial, spent about half its time proving the same two
answers twice. What the decision has worked out is now kept; the trace still agrees with a
decision explained from scratch."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.explain import trace as trace_module
from pathfit.engine.later import later

from .audit_support import engine  # the bundled rules, loaded once a module
from .helpers import ROOT


def _partial_people(engine) -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").read_text().splitlines()]
    people = [{k: v for k, v in row.items() if k != "id"} for row in rows]
    unsettled = [p for p in people if not engine.evaluate(p).settled and engine.evaluate(p).waiting]
    assert len(unsettled) >= 5
    return unsettled[:5]


def _counting(monkeypatch) -> dict:
    calls = {"is_settled": 0, "missing_facts": 0}
    for name in calls:
        for owner in (trace_module, later):
            real = getattr(owner, name)

            def counted(*args, _real=real, _name=name, **kwargs):
                calls[_name] += 1
                return _real(*args, **kwargs)
            monkeypatch.setattr(owner, name, counted)
    return calls


@pytest.mark.parametrize("order", [("settled", "to_dict"), ("settled", "missing", "trace"),
                                   ("missing", "trace", "settled"), ("trace", "settled", "missing")])
def test_settled_and_missing_are_worked_out_once_a_decision(engine, monkeypatch, order):
    people = _partial_people(engine)
    fresh = [engine.evaluate(p) for p in people]
    expected = [(d.trace, d.missing, d.settled) for d in fresh]  # from the trace, first
    calls = _counting(monkeypatch)
    for person, (trace, missing, settled) in zip(people, expected):
        decision = engine.evaluate(person)
        for step in order:
            getattr(decision, step)() if step == "to_dict" else getattr(decision, step)
        assert (decision.trace, decision.missing, decision.settled) == (trace, missing, settled)
    assert calls == {"is_settled": len(people), "missing_facts": len(people)}
