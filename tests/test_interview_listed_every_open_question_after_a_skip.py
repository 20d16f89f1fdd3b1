"""Once a question was left unknown, the interview's ranking listed every open question of
each answer it tried (`Decision.missing`, the costliest part of a trial) only to ask
whether any was not among those left unknown. `interview._open_beyond` answers that,
stopping at the first relevant rule waiting on such a question; it must say exactly
what the full list says."""
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


def _people(engine, rng: random.Random, count: int):
    """Partial people: each input left unknown or given one of the answers the interview tries."""
    tried: dict[str, list] = {}
    for name, value in candidate_changes(engine, {}):
        tried.setdefault(name, []).append(list(value) if isinstance(value, tuple) else value)
    for _ in range(count):
        yield {name: rng.choice(values) for name, values in tried.items() if rng.random() < 0.35}


@pytest.mark.parametrize("n_rules", [0, 60, 300])
def test_missing_beyond_says_what_the_full_list_of_open_questions_says(engines, n_rules):
    engine = engines(n_rules, 11)
    rng = random.Random(n_rules)
    inputs = [f.name for f in engine.ruleset.inputs]
    seen = set()
    for person in _people(engine, rng, 60 if n_rules < 300 else 25):
        decided = engine.evaluate(person)
        full = copy.copy(decided).missing
        for skipped in (set(), set(rng.sample(inputs, 3)), set(full[:1]), set(full), set(full[1:])):
            want = any(name not in skipped for name in full)
            # each asked of a decision of its own over the same run, nothing of it worked out yet
            # (a copy): the person is decided once, not again for each set of skipped questions
            assert interview._open_beyond(copy.copy(decided), skipped) == want, (person, skipped)
            seen.add(want)
    assert seen == {True, False}  # both answers met


@pytest.mark.parametrize("n_rules", [60, 300])
def test_after_a_skip_the_answers_tried_list_no_open_questions(engines, n_rules, monkeypatch):
    """A counter: with a question left unknown, only the decision so far has its open questions
    listed, not each answer tried; the ranking is the reference's."""
    engine = engines(n_rules, 11)
    decision = engine.evaluate({})
    skipped = {decision.missing[0]}
    listed = [0]
    real = api.later.missing_facts  # resolved here, so the counter below replaces it

    def counted(*args, **kwargs):
        listed[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(api.later, "missing_facts", counted)
    ranked, _ = interview.ranked_questions(engine, {}, skipped)
    assert listed[0] == 1
    monkeypatch.undo()
    assert ranked == reference_ranked_questions(engine, {}, skipped)[0]
