"""`combine: certainty`: certainty factors combined as EMYCIN combined them,
exactly, whatever order the rules fired in; a certainty-factor advisor
(tests/fixtures/advisor) decided end to end; bad factors and tests that mean
nothing under certainty are located errors."""
from __future__ import annotations

import functools
import itertools
import shutil
from fractions import Fraction

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.pipeline.decide import decide

from .helpers import HERE

ADVISOR = HERE / "fixtures" / "advisor"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


# -- an independent reference, written from the formulas (docs/rule-language.md) --

def two(x: Fraction, y: Fraction) -> Fraction:
    """EMYCIN's combination of two factors."""
    if x >= 0 and y >= 0:
        return x + y - x * y
    if x <= 0 and y <= 0:
        return x + y + x * y
    return (x + y) / (1 - min(abs(x), abs(y)))


def reference(factors: list) -> Fraction:
    """Positives together, negatives together, then the two once with the mixed formula."""
    pos = [f for f in factors if f > 0]
    neg = [f for f in factors if f < 0]
    p = Fraction(0)
    for f in pos:
        p = two(p, f)
    n = Fraction(0)
    for f in neg:
        n = two(n, f)
    if p == 0 or n == 0:
        return p + n
    return two(p, n)


class _Firing:
    def __init__(self, rule: str, evidence: dict):
        self.rule, self.evidence = rule, tuple(evidence.items())
        self.refer, self.not_now, self.suggest = None, False, ()


# factors of at most 2 decimals in (-1, 1) plus the ends, never 0 (the validator refuses 0)
FACTOR = st.integers(-100, 100).filter(bool).map(lambda n: Fraction(n, 100))
NO_CONTRADICTION = lambda fs: not (1 in fs and -1 in fs)  # PF223 refuses 1 and -1 for one outcome


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["red", "white", "rose"]), FACTOR), min_size=1, max_size=6)
       .filter(lambda ev: all(NO_CONTRADICTION([f for o2, f in ev if o2 == o]) for o in ("red", "white", "rose"))),
       st.randoms(use_true_random=False))
def test_firing_order_never_changes_the_combined_certainty(evidence, rnd):
    with Engine.load(ADVISOR) as engine:
        policy = engine.ruleset.policy
    firings = [_Firing(f"r{i:02d}", {o: f}) for i, (o, f) in enumerate(evidence)]
    base = decide(policy, firings)
    expected = {o: reference([f for o2, f in evidence if o2 == o]) for o in policy.evidence_outcomes}
    assert dict(base.scores) == expected
    for _ in range(3):
        shuffled = firings[:]
        rnd.shuffle(shuffled)
        assert decide(policy, shuffled) == base  # scores, outcome, confidence, shares: all exact


def test_the_reference_is_emycins_for_two_factors_and_the_worked_example_holds():
    x, y = Fraction(6, 10), Fraction(-4, 10)
    assert reference([x, Fraction(5, 10)]) == Fraction(8, 10)  # 0.6 + 0.5 - 0.3
    assert reference([-x, Fraction(-5, 10)]) == Fraction(-8, 10)
    assert reference([x, y]) == Fraction(2, 10) / Fraction(6, 10)  # (0.6 - 0.4) / (1 - 0.4)
    # the worked example in docs/rule-language.md: 0.6, 0.5 and -0.4 give 0.4 / 0.6 = 2/3
    assert reference([x, Fraction(5, 10), y]) == Fraction(2, 3)
    # folded one factor at a time in any order, the formulas give the same (docs/rule-language.md)
    fold = functools.partial(functools.reduce, two)
    for factors in ([x, Fraction(5, 10), y], [Fraction(3, 10), Fraction(-6, 10), Fraction(4, 10), Fraction(-9, 10)]):
        assert {fold(p) for p in itertools.permutations(factors)} == {reference(factors)}


def test_advisor_lints_tests_and_decides_end_to_end():
    assert run("lint", "--rules", ADVISOR).exit_code == 0
    tested = run("test", ADVISOR, "--min-coverage", "100")
    assert tested.exit_code == 0, tested.output
    with Engine.load(ADVISOR) as engine:
        d = engine.evaluate({"main": "red_meat", "sauce": "none", "tastes": ["sweet"]})
        assert (d.outcome, d.label, d.settled) == ("red", "A red wine", True)
        assert d.verdict.confidence == Fraction(5, 7)  # (0.8 - 0.3) / (1 - 0.3)
        assert dict(d.verdict.contributions) == {"red.meat": Fraction(4, 5), "taste.sweet": Fraction(5, 7) - Fraction(4, 5)}
        none = engine.evaluate({"main": "poultry", "sauce": "none", "tastes": ["sweet"]})
        assert (none.outcome, none.verdict.confidence) == ("no_pick", Fraction(3, 5))  # doubt: 1 - 0.4
    text = run("recommend", "--rules", ADVISOR, "--fact", "main=red_meat", "--fact", "sauce=none",
               "--fact", "tastes=sweet")
    assert text.output.startswith("Recommendation: A red wine\nConfidence: 0.71\n")
    assert "(+0.80)" in text.output and "(-0.09)" in text.output  # 0.80 - 0.09 = 0.71 as printed


DOMAINS = {"main": [["red_meat"], ["fish"], ["poultry"], ["vegetables"]],
           "sauce": [["none"], ["cream"], ["tomato"], ["spicy"]],
           "tastes": [[list(c)] for k in range(4) for c in itertools.combinations(("sweet", "dry", "bold"), k)]}


def test_settled_under_certainty_means_no_answer_changes_it():
    """Every profile with one fact unknown: when called settled, every answer to it gives the same advice."""
    seen = set()
    with Engine.load(ADVISOR) as engine:
        for unknown in DOMAINS:
            known = [f for f in DOMAINS if f != unknown]
            for values in itertools.product(*(DOMAINS[f] for f in known)):
                partial = {f: v[0] for f, v in zip(known, values)}
                d = engine.evaluate(partial)
                seen.add(d.settled)
                if d.settled:
                    answers = {engine.evaluate({**partial, unknown: a[0]}).outcome for a in DOMAINS[unknown]}
                    assert answers == {d.outcome}, partial
    assert seen == {True, False}  # both kinds were met, so the check was exercised


def _advisor(tmp_path):
    shutil.copytree(ADVISOR, tmp_path / "rules")
    return tmp_path / "rules"


def _line(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_factor_outside_the_range_is_located(tmp_path):
    rules = _advisor(tmp_path)
    path = rules / "rules.yaml"
    path.write_text(path.read_text().replace("{evidence: {red: 0.3}}", "{evidence: {red: 3}}"))
    out = run("lint", "--rules", rules).output
    assert f"{path}:{_line(path, '{red: 3}')}:" in out and "PF221: a certainty factor is from -1 to 1" in out, out


def test_sum_tests_under_certainty_and_certainty_tests_under_sum_are_located(tmp_path):
    rules = _advisor(tmp_path)
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text().replace("{outcome: no_pick, when: {}, confidence: doubt}",
                                                 "{outcome: no_pick, when: {total_below: 1}, confidence: shortfall}\n"
                                                 "  - {outcome: no_pick, when: {}, confidence: doubt}"))
    out = run("lint", "--rules", rules).output
    line = _line(policy, "total_below")
    assert f"{policy}:{line}:" in out and "PF222: 'total_below' does not apply under combine: certainty" in out
    assert "PF222: confidence 'shortfall' does not apply under combine: certainty" in out
    policy.write_text(policy.read_text().replace("combine: certainty\n", ""))
    out = run("lint", "--rules", rules).output
    assert "PF222: 'certainty_at_least' does not apply under combine: sum" in out, out


def test_factors_one_and_minus_one_for_one_outcome_are_refused(tmp_path):
    rules = _advisor(tmp_path)
    path = rules / "rules.yaml"
    path.write_text(path.read_text().replace("{evidence: {red: 0.3}}", "{evidence: {red: 1}}")
                    .replace("{evidence: {rose: 0.4, red: -0.3}}", "{evidence: {rose: 0.4, red: -1}}"))
    out = run("lint", "--rules", rules).output
    assert "PF223: rule 'taste.sweet' gives red certainty -1 and rule 'taste.bold' 1" in out, out
    # located at the later rule by id, where its entry begins
    assert f"{path}:{_line(path, 'id: taste.sweet')}:5: PF223: " in out, out
