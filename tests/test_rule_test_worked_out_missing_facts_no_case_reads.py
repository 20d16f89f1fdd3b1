"""`pathfit test` checked each case against the decision's trace, and building that trace (the
first read of `Decision.trace`) also worked out the person's missing facts and whether the advice
is settled: neither is read by a case or by coverage, and for a partial person they were most of
a case's cost (at 1,000 rules, 7.8 of a case's 19 seconds of 200 cases went to the missing facts
alone). A case now takes the trace alone. Counted here, never timed: the missing facts are worked
out for no case, and each case's result is the one the full trace gives."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.authoring import rule_test_run
from pathfit.engine.authoring.rule_tests import Case
from pathfit.engine.errors import Pos
from pathfit.engine.explain import missing, trace

# partial people: rules wait on what they leave unknown, so a full trace would ask for the missing facts
PEOPLE = [{"goal_clarity": "specific"}, {"career_stage": "senior_leader", "trigger": "new_role"},
          {"needs": ["career_direction"], "hours_per_month": 2}]


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as loaded:
        yield loaded


@pytest.fixture()
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list:
    """Each time the missing facts are worked out, however they are reached."""
    calls: list = []
    real = missing.missing_facts

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(missing, "missing_facts", counting)
    monkeypatch.setattr(trace, "missing_facts", counting)
    return calls


def _case(profile: dict, expect: dict) -> Case:
    return Case("a partial person", "<cases>", Pos("<cases>", 1, 1), profile, expect)


def test_no_case_works_out_the_missing_facts(engine, worked_out: list) -> None:
    for profile in PEOPLE:
        assert engine.evaluate(profile).waiting  # a rule waits: the full trace would work them out
        result = rule_test_run.run_case(engine, _case(profile, {"outcome": "coaching", "fired": ["coaching.specific_goal"]}))
        assert result.case.profile == profile
    assert worked_out == []


def test_each_case_gets_what_the_full_trace_gives(engine) -> None:
    for profile in PEOPLE:
        d = engine.evaluate(profile)
        full = d.trace
        rules = [r.id for r in engine.ruleset.rules]
        expect = {"outcome": "mentoring" if d.outcome != "mentoring" else "coaching", "fired": rules[:9],
                  "not_fired": list(d.fired[:3])}
        result = rule_test_run.run_case(engine, _case(profile, expect))
        assert result.not_fired == {e["rule"]: e for e in full["not_fired"]}
        assert result.scores == full["scores"]
        assert (result.outcome, result.fired) == (d.outcome, d.fired)
        assert [m.what for m in result.mismatches][:1] == ["outcome"]
        assert any(m.what == "fired" and m.detail for m in result.mismatches)
