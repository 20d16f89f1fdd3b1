"""Regressions from a review of what pathfit prints over valued derived facts and tests of
whether a fact is known, each checked against the engine on every completion or every
combination of changes (the independent reference: what each answer does).

- What-if called an outcome unreachable "within 2 changes, every combination checked" when two
  changes reach it: its search left out a fact that reaches the decision only through the rule
  deriving a value of a valued fact that no rule reads, though that value set beside another
  refuses the person (claims/valued_cone).
- `missing` (so the open questions and the interview) left out an unknown fact a rule tests
  with `is: unknown`, though answering it alone changes the advice; the interview asked nothing
  (claims/presence)."""
from __future__ import annotations

import itertools

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.explain.what_if import WITHIN, what_if

from .helpers import HERE

CLAIMS = HERE / "fixtures" / "claims"
VALUES = (True, False, None)  # each answer a yes/no fact can have, unknown (None) included


def _outcome(engine: Engine, facts: dict):
    try:
        return engine.evaluate({k: v for k, v in facts.items() if v is not None}).outcome
    except PathfitError:
        return None  # refused: no outcome


def test_what_if_reaches_what_two_changes_reach_through_a_valued_fact():
    person = {"ready_for_change": False, "has_deadline": False}
    with Engine.load(CLAIMS / "valued_cone") as engine:
        result = what_if(engine, person)
        reached = set()  # the reference: every combination of up to WITHIN changes, decided
        names = [f.name for f in engine.ruleset.inputs]
        for k in range(1, WITHIN + 1):
            for changed in itertools.combinations(names, k):
                for values in itertools.product(VALUES, repeat=k):
                    if all(person.get(n) != v for n, v in zip(changed, values)):
                        reached.add(_outcome(engine, {**person, **dict(zip(changed, values))}))
        assert "mentoring" in reached
        claimed = {u["outcome"] for u in result["unreachable"] if u["exhaustive"]}
        assert not claimed & reached, (claimed, reached)
        assert "mentoring" in {a["outcome"] for a in result["alternatives"]}


def test_missing_names_an_unknown_fact_a_test_of_being_known_reads():
    facts = {"ready_for_change": True}
    with Engine.load(CLAIMS / "presence") as engine:
        d = engine.evaluate(facts)
        assert not d.settled and "has_sponsor" in d.missing
        # the reference: answering has_sponsor alone changes the advice
        assert {_outcome(engine, {**facts, "has_sponsor": v}) for v in (True, False)} != {d.outcome}
        full = engine.evaluate(facts)
        full.trace  # worked out with the explanation this time
        assert full.missing == d.missing  # the same whether worked out alone or with the trace
    asked = CliRunner().invoke(cli, ["interview", "--rules", str(CLAIMS / "presence")], input="quit\n")
    assert asked.exit_code == 0 and "Does the person already have a sponsor?" in asked.output


def test_the_interview_s_bound_counts_a_fact_a_test_of_being_known_reads():
    """`askable` bounds every later `missing` (the interview's "at most N more"); with such a
    fact in `missing` it must be among them, or the bound could be passed."""
    from pathfit.engine.explain.progress import askable

    with Engine.load(CLAIMS / "presence") as engine:
        for facts in ({}, {"ready_for_change": True}, {"ready_for_change": False}):
            d = engine.evaluate(facts)
            assert set(d.missing) <= askable(engine.ruleset, facts, set()), (facts, d.missing)
            assert "has_sponsor" in d.missing
