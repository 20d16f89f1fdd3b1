"""Choosing the interview's next question evaluated every candidate answer apart, though
answers alike to the rules (a number in one region among the numbers rules compare it
with, an enum value matching the same compared values, a set holding the same asked
members) give the same decision: each class is now evaluated once and counted for each
answer in it. The questions asked, their order and everything printed stay those of the
reference ranking (tests/interview_ranking_reference.py, every answer evaluated)."""
from __future__ import annotations

import random

import pytest
from click.testing import CliRunner

from pathfit.cli import interview as cli_interview
from pathfit.cli.main import cli
from pathfit.engine.explain import interview
from pathfit.engine.explain.alike_answers import answer_classes

from .helpers import synthetic_engines
from .interview_ranking_reference import candidate_changes, reference_next_question, reference_ranked_questions


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


class _Remembering:
    """An engine as the reference ranking reads it (its rule set, its decisions), each set of
    answers evaluated once: the reference evaluates every answer of every question at every
    state, and random interviews come back to the same answers (their first questions are
    alike, `back` and `unknown` keep what was answered). A decision is the engine's own, its
    `settled` and `missing` worked out once, on first use, as on any decision."""

    def __init__(self, engine):
        self.ruleset = engine.ruleset
        self._engine = engine
        self._decisions: dict = {}

    def evaluate(self, answers: dict):
        key = tuple(sorted((name, type(value).__name__, repr(value)) for name, value in answers.items()))
        if key not in self._decisions:
            self._decisions[key] = self._engine.evaluate(answers)
        return self._decisions[key]


@pytest.fixture(scope="module")
def remembering(engines):
    """The engines of `engines`, each as the reference reads it; module-scoped because the
    decisions it keeps are costly to make."""
    made: dict = {}

    def load(n_rules: int, seed: int) -> _Remembering:
        if (n_rules, seed) not in made:
            made[n_rules, seed] = _Remembering(engines(n_rules, seed))
        return made[n_rules, seed]

    return load


def _answer(engine, name: str, rng: random.Random):
    """A random answer: often one the ranking tries (a threshold and its neighbours), else any."""
    fact = engine.ruleset.facts[name]
    tried = [v for n, v in candidate_changes(engine, {}) if n == name]
    if tried and rng.random() < 0.6:
        value = rng.choice(tried)
        return list(value) if isinstance(value, tuple) else value
    if fact.type == "enum":
        return rng.choice(list(fact.values))
    if fact.type == "bool":
        return rng.random() < 0.5
    if fact.type == "set":
        return sorted(rng.sample(list(fact.values), rng.randint(0, min(3, len(fact.values)))))
    value = rng.uniform(fact.minimum, fact.maximum)
    return int(value) if fact.integer else round(value, rng.choice((0, 1, 2)))


def _walk(engine, seed: int, steps: int, rank) -> int:
    """A random interview (answers, `unknown`, `back`): `rank(answers, skipped)` gives each
    state's ranking, the first question is answered or left unknown. The states ranked."""
    rng = random.Random(seed)
    answers, skipped, history = {}, set(), []
    for step in range(steps):
        ranked = rank(dict(answers), set(skipped))
        if not ranked:
            return step + 1
        roll = rng.random()
        if roll < 0.12 and history:
            kind, name = history.pop()
            (skipped.discard if kind == "skip" else answers.pop)(name)
        elif roll < 0.3:
            skipped.add(ranked[0])
            history.append(("skip", ranked[0]))
        else:
            answers[ranked[0]] = _answer(engine, ranked[0], rng)
            history.append(("answer", ranked[0]))
    return steps


@pytest.mark.parametrize("n_rules, seeds, steps", [(0, range(12), 12), (60, range(4), 14), (300, range(2), 8)])
def test_the_ranking_is_the_reference_ranking_at_every_step_of_random_interviews(engines, remembering, n_rules,
                                                                                 seeds, steps):
    engine = engines(n_rules, 11)
    known = remembering(n_rules, 11)

    def both(answers, skipped):
        got, decision = interview.ranked_questions(engine, answers, skipped)
        want, reference = reference_ranked_questions(known, answers, skipped)
        assert got == want, (answers, skipped)
        assert decision.to_dict() == reference.to_dict()
        return want

    states = [_walk(engine, seed, steps, both) for seed in seeds]
    assert sum(states) >= len(seeds) * 2 and any(n > 3 for n in states), states  # interviews that went on


def _piped(rules: str, lines: list[str], monkeypatch, asker) -> str:
    with monkeypatch.context() as m:
        m.setattr(cli_interview, "next_question", asker)
        result = CliRunner().invoke(cli, ["interview", "--rules", rules], input="\n".join(lines) + "\n",
                                    catch_exceptions=False)
    return f"{result.exit_code}\n{result.output}"


LINES = ["1", "2", "3", "yes", "no", "unknown", "back", "5", "12", "40", "1,3", "none", "0.5"]


def _reference_asker(known: _Remembering):
    """`reference_next_question` for the interview's own engine, the question ranked over the
    decisions `known` remembers (the same rule set's) and the decision so far the engine's."""
    def ask(engine, answers: dict, skipped: set):
        assert engine.ruleset.directory == known.ruleset.directory
        return reference_next_question(known, answers, skipped)[0], engine.evaluate(answers)
    return ask


@pytest.mark.parametrize("n_rules", [0, 60])
def test_a_piped_interview_prints_byte_for_byte_what_the_reference_ranking_printed(engines, remembering, n_rules,
                                                                                   monkeypatch):
    engine = engines(n_rules, 11)
    rules = str(engine.ruleset.directory)
    rng = random.Random(n_rules)
    for _ in range(3):
        lines = [rng.choice(LINES) for _ in range(18)]
        new = _piped(rules, lines, monkeypatch, interview.next_question)
        old = _piped(rules, lines, monkeypatch, _reference_asker(remembering(n_rules, 11)))
        assert new == old
        assert new.count("\nQ") >= 2  # questions were asked


def _evaluations_per_question(engine, known, ranker, monkeypatch) -> float:
    """Evaluations per state of a random interview driven by the reference (its decisions
    those `known` remembers), counted while `ranker` ranks each state on `engine` itself."""
    counted = [0]
    real = type(engine).evaluate

    def evaluate(self, *args, **kwargs):
        counted[0] += 1
        return real(self, *args, **kwargs)

    states = []

    def keep(answers, skipped):
        states.append((answers, skipped))
        return reference_ranked_questions(known, answers, skipped)[0]

    _walk(engine, 0, 6, keep)
    with monkeypatch.context() as m:
        m.setattr(type(engine), "evaluate", evaluate)
        for answers, skipped in states:
            ranker(engine, answers, skipped)
    return counted[0] / len(states)


@pytest.mark.parametrize("n_rules", [60, 300])
def test_alike_answers_are_evaluated_once_per_question(engines, remembering, n_rules, monkeypatch):
    """A counter, not a clock: one evaluation for the decision so far and one per class of
    alike answers of each candidate, against the reference's one per answer."""
    engine = engines(n_rules, 11)
    known = remembering(n_rules, 11)
    new = _evaluations_per_question(engine, known, lambda *a: interview.ranked_questions(*a), monkeypatch)
    old = _evaluations_per_question(engine, known, lambda *a: reference_ranked_questions(*a), monkeypatch)
    assert new < 0.95 * old, (new, old)
    # the count is what the classes give: independently, one per distinct class
    answers, skipped = {}, set()
    decision = engine.evaluate(answers)
    classes = answer_classes(engine.ruleset)
    wanted = {(n, classes[n](v)) for n, v in candidate_changes(engine, answers) if n in decision.missing}
    counted = [0]
    real = type(engine).evaluate

    def evaluate(self, *args, **kwargs):
        counted[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(engine), "evaluate", evaluate)
    interview.ranked_questions(engine, answers, skipped)
    assert counted[0] == 1 + len(wanted)
