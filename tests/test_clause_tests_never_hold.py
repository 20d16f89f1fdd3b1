"""Lint's PF716 (a decision clause's tests that no scores can meet) against brute force.

The reference is policy.holds, the one meaning every stage decides by, tried on generated
scores: a clause lint calls never-holding holds for none of them (on a grid and on random
fractions off it), and a clause lint says nothing of holds for some score on the grid. The
grid (eighths from 0 to 4) holds a witness for every satisfiable clause of the vocabulary
below: thresholds are whole numbers up to 3 (5 for `total_below`) and ratios 1, 1.5 or 2,
so a witness needs no finer step than an eighth. Under `combine: certainty` nothing is
claimed: `leads` and `certainty_at_least` can always hold together.
"""
from __future__ import annotations

import itertools
import random
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from pathfit.engine.authoring.lint.clause_tests import never_holds
from pathfit.engine.authoring.lint.run import lint
from pathfit.engine.pipeline.policy import holds

OUTCOMES = ("a", "b", "c")
UNIT = 8  # scores in whole eighths
ADVISOR = Path(__file__).parent / "fixtures" / "advisor"


def _clause(rng: random.Random, k: int) -> tuple:
    """A random clause over the first k outcomes, as validation would let it through (no
    `leads` or `ratio_at_most` over one outcome, PF204)."""
    weighed = OUTCOMES[:k]
    tests = []
    for test, choices in (("each_at_least", (0, 1, 2, 3)), ("strongest_below", (0, 1, 2, 3)),
                          ("total_below", (0, 1, 2, 3, 5))):
        if rng.random() < 0.5:
            tests.append((test, rng.choice(choices)))
    below = tuple((o, rng.choice((0, 1, 2, 3))) for o in weighed if rng.random() < 0.4)
    if below:
        tests.append(("below", below))
    if k > 1 and rng.random() < 0.5:
        tests.append(("ratio_at_most", rng.choice((0, 0.5, 0.99, 1, 1.5, 2))))
    if k > 1 and rng.random() < 0.5:
        tests.append(("leads", rng.choice(weighed)))
    rng.shuffle(tests)
    return tuple(tests)


def _holds_somewhere(tests: tuple, k: int, top: int) -> bool:
    for values in itertools.product(range(top + 1), repeat=k):
        scores = dict(zip(OUTCOMES, values))
        if holds(tests, scores, sum(values), False, False, UNIT):
            return True
    return False


@pytest.mark.parametrize("k,count,top", [(1, 150, 32), (2, 400, 32), (3, 150, 26)])
def test_a_clause_lint_calls_never_holding_never_holds_and_every_other_holds_somewhere(k, count, top):
    rng = random.Random(716 + k)
    clauses = {_clause(rng, k) for _ in range(count)}
    claimed = 0
    for tests in sorted(clauses, key=repr):
        found = never_holds(tests, k)
        somewhere = _holds_somewhere(tests, k, top)
        assert bool(found) != somewhere, (tests, found)
        if found:
            claimed += 1
            for _ in range(200):  # off the grid too: fractions of any denominator up to 50
                scores = {o: Fraction(rng.randint(0, 300), rng.randint(1, 50)) for o in OUTCOMES[:k]}
                assert not holds(tests, scores, sum(scores.values()), False, False), (tests, scores)
    assert 0 < claimed < len(clauses)  # the vocabulary reaches both answers


def test_each_finding_is_at_one_of_the_clauses_tests():
    rng = random.Random(7160)
    for _ in range(300):
        k = rng.choice((1, 2, 3))
        tests = _clause(rng, k)
        given = dict(tests)
        for where, other, _ in never_holds(tests, k):
            for place in (where, other) if other else (where,):
                assert place[0] in given
                if place[0] == "below":
                    assert place[1] in dict(given["below"])


def test_nothing_is_claimed_under_combine_certainty(tmp_path: Path):
    """A lead with a certainty of at least X (0 < X <= 1) is met by X for the lead and -1
    for the rest, so a certainty-factor policy gets no PF716, whatever its thresholds."""
    rules = tmp_path / "advisor"
    shutil.copytree(ADVISOR, rules)
    policy = rules / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("{leads: red, certainty_at_least: 0.5}", "{leads: red, certainty_at_least: 1}")
                      .replace("{leads: white, certainty_at_least: 0.5}",
                               "{leads: white, certainty_at_least: 1, among: [white, rose]}"), encoding="utf-8")
    assert policy.read_text(encoding="utf-8").count("certainty_at_least: 1,") == 1
    assert lint(rules).problems == ()
    tests = (("leads", "red"), ("certainty_at_least", 1))
    assert holds(tests, {"red": Fraction(1), "white": Fraction(-1), "rose": Fraction(-1)}, None, False, False)
