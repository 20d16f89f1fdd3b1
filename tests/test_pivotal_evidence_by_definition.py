"""The rules whose evidence is pivotal are exactly those the definition gives.

`Decision.missing` lists the facts pivotal rules wait on. A rule's evidence is pivotal when
some reachable score vector k has k plus the rule's evidence reachable too with other
outcomes (settle.pivotal_rules). The search looks only from the keys outside the most
common outcome, up and down one step; here every pair of keys is tried, as the definition
reads, for partial people on the bundled rules, on generated bases and on the animal and tiny
fixtures, so the search can leave out no rule and add none. (Under `combine: certainty` states
do not add up and pivotal_rules does not search pairs.)
"""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.pipeline.decide import first_referral, tally
from pathfit.engine.pipeline.reach import Reach
from pathfit.engine.pipeline.settle import pivotal_rules
from pathfit.engine.explain.conditions import UNKNOWN
from pathfit.engine.explain.why_not import explain
from tools import synth

from .helpers import HERE, synthetic_engines

BASES = [("bundled", None), ("animals", HERE / "fixtures" / "animals"), ("tiny", HERE / "fixtures" / "tiny")]


def _by_definition(reach: Reach, weighed: list) -> set[str]:
    return {r.id for r in weighed
            if any(k + reach.steps[r.id] in reach.keys and reach.outcomes(k + reach.steps[r.id]) != reach.outcomes(k)
                   for k in reach.keys)}


def _compare(engine: Engine, people: list[dict]) -> tuple[int, int]:
    """(people with pending evidence, people with a pivotal rule), after checking each."""
    rs, policy = engine.ruleset, engine.ruleset.policy
    with_pending = with_pivotal = 0
    for person in people:
        decision = engine.evaluate(person)
        result = decision._result
        _, status = explain(rs, result)
        pending = [r for r in rs.rules if status[r.id][0] is UNKNOWN]
        weighed = [r for r in pending if r.then.evidence]
        if not weighed:
            continue
        t = tally(policy, result.firings)
        concluded = first_referral(policy, t.referrals)
        refers = {concluded is not None} | ({True} if any(r.then.refer for r in pending) else set())
        not_nows = {bool(t.not_now)} | ({True} if any(r.then.not_now for r in pending) else set())
        states = [(refer, not_now) for refer in sorted(refers) for not_now in sorted(not_nows)]
        reach = Reach.of(policy, states, result.firings, pending)
        if reach is None:
            continue
        expected = _by_definition(reach, weighed)
        got = pivotal_rules(rs, result.firings, pending, t) & {r.id for r in weighed}
        assert got == expected, (person, got ^ expected)
        with_pending += 1
        with_pivotal += bool(expected)
    return with_pending, with_pivotal


@pytest.mark.parametrize("name,where", BASES, ids=[b[0] for b in BASES])
def test_pivotal_evidence_is_the_definitions_on_fixture_rule_sets(name, where):
    with Engine.load(where) as engine:
        people = synth.profiles(engine.ruleset, 300, seed=17, known_fraction=0.6)
        with_pending, with_pivotal = _compare(engine, people)
    assert with_pending and with_pivotal  # the case searched occurs, and is found


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


@pytest.mark.parametrize("n_rules,seed", [(30, 3), (60, 8), (200, 3)])
def test_pivotal_evidence_is_the_definitions_on_generated_bases(engines, n_rules, seed):
    engine = engines(n_rules, seed)
    people = synth.profiles(engine.ruleset, 150, seed=seed, known_fraction=0.5)
    with_pending, with_pivotal = _compare(engine, people)
    assert with_pending and with_pivotal
