"""Once a question was left unknown, the interview's ranking asked of each answer it tried
whether an open question beyond those left unknown remains, and worked out the rules that
wait (explain/waiting.py, the costliest part of the answer) before it looked at the tests of
being known that could turn over: where one can, the rules are read past it, and the rules
that wait are never read. On rule sets with such tests that is nearly every answer tried;
they are now looked at first, and the rules that wait worked out only for the others. Same
questions, same order."""
from __future__ import annotations

import copy
import random

import pytest

from pathfit.engine import api
from pathfit.engine.explain import interview

from .helpers import synthetic_engines
from .interview_ranking_reference import candidate_changes, reference_ranked_questions


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


def _counting(monkeypatch) -> list:
    real = api.later.waiting  # resolved here, so the counter below replaces it
    counted = [0]

    def waiting(*args, **kwargs):
        counted[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(api.later, "waiting", waiting)
    return counted


@pytest.mark.parametrize("n_rules", [60, 300])
def test_after_a_skip_answers_that_may_turn_over_have_no_waiting_rules_worked_out(engines, n_rules, monkeypatch):
    """A counter: only the decision so far has its rules that wait worked out (for its open
    questions), every answer tried on these rule sets having a test of being known that could
    turn over; the ranking is the reference's."""
    engine = engines(n_rules, 11)
    skipped = {engine.evaluate({}).missing[0]}
    with monkeypatch.context() as m:
        counted = _counting(m)
        ranked, _ = interview.ranked_questions(engine, {}, skipped)
    assert counted[0] == 1
    assert ranked == reference_ranked_questions(engine, {}, skipped)[0]


@pytest.mark.parametrize("n_rules", [0, 60, 300])
def test_whether_a_question_beyond_those_skipped_is_open_is_what_the_full_list_says(engines, n_rules):
    """Whether an open question beyond those left unknown remains, found with the tests of
    being known first, is what the full list of open questions says, for people with half
    the questions answered (the answers the ranking tries) and questions left unknown."""
    engine = engines(n_rules, 11)
    rng = random.Random(n_rules + 1)
    tried: dict[str, list] = {}
    for name, value in candidate_changes(engine, {}):
        tried.setdefault(name, []).append(list(value) if isinstance(value, tuple) else value)
    seen = set()
    for _ in range(30 if n_rules < 300 else 12):
        decided = engine.evaluate({name: rng.choice(values) for name, values in tried.items() if rng.random() < 0.5})
        full = copy.copy(decided).missing
        for skipped in (set(), set(full[:1]), set(full), set(full[1:])):
            want = any(name not in skipped for name in full)
            assert interview._open_beyond(copy.copy(decided), skipped) == want, (decided.facts, skipped)
            seen.add(want)
    assert seen == {True, False}
