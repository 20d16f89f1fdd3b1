"""A decision's open questions (`Decision.missing`) were worked out with work done again for
every decision, and again within one: the facts each rule reads were gathered from its
condition once per pass over the rules found relevant, and the derived facts with every
unknown fact open were worked out twice, once for the tests of being known that could turn
over and once for the rules no answers decide. The facts each relevant rule reads are now
gathered once a decision (kept per rule set instead, they cost every command's start a table
of every rule's reads), and one reading of the derived facts serves both. Same questions, same
order (tests/test_missing_complete.py, tests/test_waiting.py)."""
from __future__ import annotations

import copy
import random

import pytest

from pathfit.engine.explain import missing
from pathfit.engine.pipeline import open_rules
from tools import synth

from .helpers import synthetic_engines


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


def _decisions(engine, seed: int) -> list:
    people = synth.profiles(engine.ruleset, 12, seed, 0.1) + synth.profiles(engine.ruleset, 12, seed + 1, 0.4)
    return [engine.evaluate(person) for person in people]


@pytest.mark.parametrize("n_rules", [60, 300])
def test_the_facts_each_rule_reads_are_gathered_at_most_once_a_decision(engines, n_rules, monkeypatch):
    """Counted per rule: once a pass, a rule found relevant early had its condition read again in
    every pass after (at 60 and 300 rules, 66 and 402 readings a decision on average)."""
    engine = engines(n_rules, 11)
    decisions = _decisions(engine, n_rules)
    gathered: list = []
    real = missing.facts_in

    def facts_in(cond):
        gathered.append(id(cond))
        return real(cond)

    monkeypatch.setattr(missing, "facts_in", facts_in)
    deriving = 0
    for decision in decisions:
        gathered.clear()
        listed = copy.copy(decision).missing
        assert len(gathered) == len(set(gathered)), (decision.facts, listed)
        deriving += bool(gathered)
    assert deriving  # the rules deriving a fact a relevant rule reads were looked for


@pytest.mark.parametrize("n_rules", [60, 300])
def test_one_reading_of_the_derived_facts_serves_a_decision_s_open_questions(engines, n_rules, monkeypatch):
    engine = engines(n_rules, 11)
    made = [0]
    real = open_rules.Open

    class Open(real):
        def __init__(self, *args, **kwargs):
            made[0] += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(open_rules, "Open", Open)
    monkeypatch.setattr(missing, "Open", Open, raising=False)
    rng = random.Random(n_rules)
    for decision in rng.sample(_decisions(engine, n_rules + 1), 10):
        made[0] = 0
        copy.copy(decision).missing
        assert made[0] == 1, decision.facts
