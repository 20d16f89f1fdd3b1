"""The interview's ranking asked each answer it tried whether it settles the advice, and
`Decision.settled` works out the rules that wait (explain/waiting.py, most of a trial's
time) before it looks at whether a test of being known on an unknown fact could turn
over, in which case it is never settled. On rule sets with such tests that is nearly
every answer tried; the ranking now asks `interview._may_turn_over` first, and works out
the waiting rules only for the others. Same questions, same order."""
from __future__ import annotations

import random

import pytest

from pathfit.engine import api
from pathfit.engine.explain import interview
from pathfit.engine.pipeline.open_rules import presence_open

from .helpers import synthetic_engines
from .interview_ranking_reference import candidate_changes, reference_ranked_questions


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


@pytest.mark.parametrize("n_rules", [0, 60, 300])
def test_a_decision_that_may_turn_over_is_never_settled(engines, n_rules):
    engine = engines(n_rules, 11)
    rng = random.Random(n_rules)
    tried: dict[str, list] = {}
    for name, value in candidate_changes(engine, {}):
        tried.setdefault(name, []).append(list(value) if isinstance(value, tuple) else value)
    seen = set()
    for _ in range(60):
        person = {name: rng.choice(values) for name, values in tried.items() if rng.random() < 0.5}
        decision = engine.evaluate(person)
        turns = interview._may_turn_over(decision)
        assert turns == bool(presence_open(engine.ruleset, decision.facts, None))
        if turns:
            assert not decision.settled
        seen.add(turns)
    # the bundled rules test no fact for being known, so no decision of theirs may turn over;
    # the generated sets test some, and random people reach decisions that may
    assert True in seen if n_rules else seen == {False}


def _waiting_rules_worked_out(engine, ranker, monkeypatch) -> int:
    real = api.later.waiting  # resolved here, so the counter below replaces it
    counted = [0]

    def waiting(*args, **kwargs):
        counted[0] += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(api.later, "waiting", waiting)
        ranked, _ = ranker(engine, {}, set())
    return counted[0], ranked


@pytest.mark.parametrize("n_rules", [60, 300])
def test_answers_that_may_turn_over_have_no_waiting_rules_worked_out(engines, n_rules, monkeypatch):
    """A counter: the reference works out the waiting rules of every answer tried; now only the
    decision so far has them worked out (for its open questions), every answer tried on these
    rule sets having a test of being known that could turn over."""
    engine = engines(n_rules, 11)
    new, ranked = _waiting_rules_worked_out(engine, interview.ranked_questions, monkeypatch)
    old, reference = _waiting_rules_worked_out(engine, reference_ranked_questions, monkeypatch)
    assert ranked == reference
    assert new == 1 and old > 20, (new, old)
