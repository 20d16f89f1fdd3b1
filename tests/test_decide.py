"""The decision policy's arithmetic: exact, independent of firing order, and
confidence = baseline + sum(contributions) exactly, also as printed."""
from __future__ import annotations

import json
import math
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine
from pathfit.engine.pipeline.decide import decide, in_common, outcome_with, tally
from pathfit.engine.pipeline.figures import JSON_PLACES, figure_text, float_at, places_text, rounded, rounded_units
from pathfit.engine.pipeline.load import parse_yaml
from pathfit.engine.pipeline.rationals import ratio
from pathfit.engine.pipeline.firings import Firing
from pathfit.cli.render import reasons, render_text

from . import reference
from . import small_rulesets as small

EXAMPLES = sorted(Path(__file__).resolve().parent.parent.glob("examples/*.yaml"))


@pytest.fixture(scope="module")
def bundled():
    """One engine on the bundled rules for the module: an engine decides any number of
    people, one after another, as `batch` and `serve` do."""
    with Engine.load() as engine:
        yield engine


@pytest.fixture(scope="module")
def policy(bundled):
    return bundled.ruleset.policy


def _firing(i: int, coaching, mentoring, refer=None, not_now=False) -> Firing:
    evidence = tuple((o, w) for o, w in (("coaching", coaching), ("mentoring", mentoring)) if w)
    return Firing(i, f"r{i}", (), (), evidence, (), refer, not_now)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1, 2, 0.1, 0.3, 0.33, 1.5]),
                          st.sampled_from([0, 1, 2, 0.2, 0.6, 0.7])), max_size=12))
def test_contributions_add_up_to_confidence_exactly(policy, weights):
    verdict = decide(policy, [_firing(i, c, m) for i, (c, m) in enumerate(weights)])
    assert 0 <= verdict.confidence <= 1
    assert verdict.baseline + sum(c for _, c in verdict.contributions) == verdict.confidence


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from([0, 1, 2, 0.1, 0.3, 0.33, 1.5, 4]),
                          st.sampled_from([0, 1, 2, 0.2, 0.6, 0.7, 1e-05])), max_size=10))
def test_the_tally_is_the_sum_of_the_written_decimals(policy, fired):
    """Scores and each rule's weights, against fractions of the decimals as written, added
    one by one; a rule id met twice adds up (the evidence of a rule is converted once and
    kept, so the second person's tally must read the same values)."""
    firings = [Firing(i, rule, (), (), tuple((o, w) for o, w in (("coaching", c), ("mentoring", m)) if w), (),
                      None, False) for i, (rule, c, m) in enumerate(fired)]
    scores = dict.fromkeys(policy.evidence_outcomes, Fraction(0))  # every outcome, with evidence or not
    weights: dict = {}
    for f in firings:
        for o, w in f.evidence:
            scores[o] += Fraction(repr(w))
            weights.setdefault(f.rule, {}).setdefault(o, Fraction(0))
            weights[f.rule][o] += Fraction(repr(w))
    for _ in range(2):
        t = tally(policy, firings)
        # exact values as (numerator, denominator) in lowest terms: the reference's fractions
        assert {o: Fraction(*s) for o, s in t.scores.items()} == scores
        assert all(s == Fraction(*s).as_integer_ratio() for s in t.scores.values())
        assert {r: {o: Fraction(*v) for o, v in w.items()} for r, w in t.weights.items()} == weights


_FIRING = st.tuples(st.sampled_from([0, 1, 2, 0.1, 0.3, 1.5, 4]), st.sampled_from([0, 1, 2, 0.2, 0.7, 4]),
                    st.sampled_from([None, None, None, "training", "counselling"]), st.sampled_from([False] * 5 + [True]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_FIRING, max_size=8), st.lists(_FIRING, max_size=3))
def test_outcome_with_a_base_tally_is_decides_outcome_regression_missing_facts_re_tallied_every_firing(
        policy, base, extra):
    """The explanation's missing-facts trials tally the run once and add each trial's
    rules (outcome_with); that must be exactly what decide gives on all the firings."""
    base_firings = [_firing(i, *f) for i, f in enumerate(base)]
    extra_firings = [_firing(100 + i, *f) for i, f in enumerate(extra)]
    whole = decide(policy, base_firings + extra_firings)
    assert outcome_with(policy, tally(policy, base_firings), extra_firings) == (whole.outcome, whole.referral)


@pytest.fixture(scope="module")
def advisor():
    """The policy of a rule set combining certainty factors, loaded once for every example."""
    with Engine.load(Path(__file__).resolve().parent / "fixtures" / "advisor") as engine:
        yield engine.ruleset.policy


_FACTOR = st.sampled_from([-0.9, -0.5, -0.3, 0.2, 0.5, 0.8, 0.95])
_CF_FIRING = st.tuples(st.sampled_from(["red", "white", "rose"]), _FACTOR)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CF_FIRING, max_size=8), st.lists(_CF_FIRING, max_size=3))
def test_outcome_with_combines_certainty_factors_as_decide_does_regression_summed_them(advisor, base, extra):
    """Under `combine: certainty` the trials' extra factors must be combined with the run's
    as decide combines them (EMYCIN), never added to the combined certainty."""
    base_firings = [Firing(i, f"r{i}", (), (), ((o, w),), (), None, False) for i, (o, w) in enumerate(base)]
    extra_firings = [Firing(100 + i, f"x{i}", (), (), ((o, w),), (), None, False) for i, (o, w) in enumerate(extra)]
    whole = decide(advisor, base_firings + extra_firings)
    assert outcome_with(advisor, tally(advisor, base_firings), extra_firings) == (whole.outcome, whole.referral)


def test_outcomes_follow_the_clauses(policy):
    assert decide(policy, []).outcome == "undetermined"
    assert decide(policy, [_firing(1, 4, 0)]).outcome == "coaching"
    assert decide(policy, [_firing(1, 0, 4)]).outcome == "mentoring"
    assert decide(policy, [_firing(1, 4, 4)]).outcome == "blended"
    assert decide(policy, [_firing(1, 6, 4)]).outcome == "blended"      # 6/4 = 1.5
    assert decide(policy, [_firing(1, 7, 4)]).outcome == "coaching"     # 7/4 > 1.5
    assert decide(policy, [_firing(1, 2, 2)]).outcome == "undetermined" # a tie below blend
    assert decide(policy, [_firing(1, 9, 0), _firing(2, 0, 0, not_now=True)]).outcome == "not_now"
    refer = decide(policy, [_firing(1, 0, 0, refer="training"), _firing(2, 0, 0, refer="counselling"),
                            _firing(3, 0, 0, not_now=True)])
    assert (refer.outcome, refer.referral, refer.confidence) == ("refer", "counselling", 1)
    assert refer.contributions == (("r2", 1),)


def test_ratio_is_tested_on_the_written_decimals(policy):
    """Forty 0.15s and forty 0.1s are 6 and 4, a ratio of exactly 1.5: a blend. Summed as
    floats they come to 6.0000000000000036 and 4.000000000000002, a ratio above 1.5: coaching."""
    coaching = [_firing(i, 0.15, 0) for i in range(40)]  # 6 exactly
    mentoring = [_firing(100 + i, 0, 0.1) for i in range(40)]  # 4 exactly
    assert decide(policy, coaching + mentoring).outcome == "blended"  # 6 / 4 = 1.5, at most 1.5


def test_share_confidence_values(policy):
    v = decide(policy, [_firing(1, 6, 0), _firing(2, 0, 2)])
    assert v.outcome == "coaching" and v.confidence == Fraction(3, 4)
    assert dict(v.contributions) == {"r1": Fraction(3, 8), "r2": Fraction(-1, 8)}


def test_blend_contributions_are_all_positive_regression_blend_dual_need_shown_at_zero(policy):
    """Before: a blend's key both-outcome reason showed (+0.00) and coaching reasons negative."""
    v = decide(policy, [_firing(1, 2, 2), _firing(2, 3, 0), _firing(3, 0, 2)])
    assert v.outcome == "blended" and v.confidence == Fraction(2 * 4, 9)
    assert all(c > 0 for _, c in v.contributions)
    assert dict(v.contributions)["r1"] == Fraction(2 + 2 * 4 / Fraction(5), 9)


def test_even_undetermined_has_no_negative_reason_regression_mentoring_reason_at_minus_0_67(policy):
    """An even split that reaches the evidence threshold but is no blend (3 against 3,
    each below 4) falls to the last clause: every reason's share is positive. (2 against 2
    no longer gets there: neither outcome reaches 3 on its own, so the shortfall clause
    decides, where evidence takes away by design; there the two equal sides take away
    equally, 1/3 each.)"""
    v = decide(policy, [_firing(1, 3, 0), _firing(2, 0, 3)])
    assert v.outcome == "undetermined" and v.clause == len(policy.clauses) - 1
    assert all(c > 0 for _, c in v.contributions)
    short = decide(policy, [_firing(1, 2, 0), _firing(2, 0, 2)])
    assert (short.outcome, short.confidence) == ("undetermined", Fraction(1, 3))
    assert short.contributions == (("r1", Fraction(-1, 3)), ("r2", Fraction(-1, 3)))


# -- firing order: salience must not change a decision ---------------------------------

SALIENCE_RULES = {"rules": [
    {"id": f"c{i}", "reason": "c", "cites": ["s"], "when": {"fact": "a", "equals": True},
     "then": {"evidence": {"coaching": w}}, "salience": i} for i, w in ((1, 0.1), (2, 0.2), (3, 0.3))
] + [{"id": "m", "reason": "m", "cites": ["s"], "when": {"fact": "a", "equals": True},
      "then": {"evidence": {"mentoring": 0.6}}, "salience": 0}],
    "policy": small.policy(0.5, 5, 1.5)}


def test_salience_does_not_change_the_decision_regression_weights_0_1_0_2_0_3_vs_0_6(tmp_path):
    """0.1 + 0.2 + 0.3 summed as floats in one order is 0.6000000000000001, in another 0.6:
    salience 1/2/3 gave `undetermined`, 3/2/1 gave `coaching 0.50`. Exactly, it is a tie."""
    decisions = []
    for i, saliences in enumerate(([1, 2, 3, 0], [3, 2, 1, 0])):
        with Engine.load(small.write(tmp_path / str(i), SALIENCE_RULES, saliences)) as engine:
            decisions.append(_decision_part(engine.evaluate({"a": True})))
    assert decisions[0] == decisions[1]
    assert decisions[0]["recommendation"] == "undetermined"


def _decision_part(d) -> dict:
    out = d.to_dict()
    return {k: out[k] for k in ("recommendation", "confidence", "settled", "referral", "formats",
                                "contributions", "missing")}


@settings(max_examples=60, deadline=None)
@given(spec=small.rule_set(), data=st.data())
def test_decision_is_independent_of_salience_and_matches_the_reference(spec, data):
    """Random small rule sets with fractional weights: permuting salience (so the
    rules fire in another order) gives the same decision, equal to the reference's."""
    order = data.draw(st.permutations(range(len(spec["rules"]))), label="salience")
    profiles = data.draw(st.lists(small.partial_profile, min_size=1, max_size=3), label="profiles")
    with tempfile.TemporaryDirectory() as tmp, \
            Engine.load(small.write(Path(tmp) / "a", spec)) as one, \
            Engine.load(small.write(Path(tmp) / "b", spec, list(order))) as two:
        for profile in profiles:
            first, second = one.evaluate(profile), two.evaluate(profile)
            assert _decision_part(first) == _decision_part(second)
            ref = reference.evaluate(one.ruleset, profile).verdict
            assert (first.outcome, first.referral, first.verdict.confidence, first.verdict.baseline) == \
                (ref.outcome, ref.referral, ref.confidence, ref.baseline)
            assert dict(first.verdict.contributions) == ref.contributions
            _assert_printed_sums(one.ruleset, first)


# -- printed figures add up --------------------------------------------------------------

def _assert_printed_sums(rs, d) -> None:
    """At 2 dp (text) and 4 dp (JSON): printed baseline + printed shares == printed confidence."""
    for places in (2, 4):
        confidence, baseline, texts = rounded(d.verdict, places)
        assert all(len(t.partition(".")[2]) == places for t in (confidence, baseline, *(t for _, t in texts)))
        confidence, baseline = Decimal(confidence), Decimal(baseline)
        shares = [(rule, Decimal(t)) for rule, t in texts]
        assert baseline + sum(s for _, s in shares) == confidence
        for (rule, share), (_, exact) in zip(shares, d.verdict.contributions):
            assert abs(Fraction(share) - exact) < Fraction(1, 10 ** places)  # moved less than one unit
            assert share == 0 or (share > 0) == (exact > 0)  # never the wrong sign
    out = json.loads(json.dumps(d.to_dict()))
    assert Decimal(str(out["trace"]["decision"]["baseline"])) + sum(
        Decimal(str(c["contribution"])) for c in out["contributions"]) == Decimal(str(out["confidence"]))
    if d.settled:  # the text shows the figures: they add up as printed
        text = render_text(rs, d)
        line = next(line for line in text.splitlines() if line.startswith("Confidence: "))  # the headline may wrap
        confidence = Decimal(line.split(": ")[1])
        base = Decimal(text.split("confidence starts at ")[1].split(";")[0])
        printed = [s for _, s in reasons(rs, d) if s is not None]
        assert base + sum(map(Decimal, printed)) == confidence
        assert all(f"({s})" in text for s in printed)
        exact = [c for _, c in d.verdict.contributions]  # each printed with its exact value's sign, "-0.00" too
        assert sorted(s[0] if s[0] in "+-" else "" for s in printed) == \
            sorted("+" if c > 0 else "-" if c < 0 else "" for c in exact)
    else:
        assert "Confidence:" in render_text(rs, d) and "(provisional)" in render_text(rs, d)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_printed_contributions_add_up_on_every_example(bundled, path):
    facts = parse_yaml(path.read_text(), str(path))["facts"]
    d = bundled.evaluate(facts)
    _assert_printed_sums(bundled.ruleset, d)
    if not d.settled:
        assert "Confidence: 1.00" not in render_text(bundled.ruleset, d)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**30, 10**30),
                 st.decimals(allow_nan=False, allow_infinity=False, places=6).map(float),
                 st.fractions(max_denominator=10**6)))
@example(0.1)
@example(-0.0)
@example(1e-05)
@example(2.5e+16)
def test_a_rule_number_is_held_as_the_decimal_it_is_written_as(x):
    """A weight or threshold is the exact decimal YAML's float prints (Fraction's own reading
    of that text is the reference), in lowest terms with a positive denominator."""
    n, d = ratio(x)
    assert Fraction(n, d) == (x if isinstance(x, Fraction) else Fraction(repr(x)))
    assert d > 0 and math.gcd(n, d) == 1


@pytest.mark.parametrize("bad", [True, False, "1", None, float("inf"), float("-inf"), float("nan")])
def test_a_rule_number_that_is_not_a_finite_number_is_refused_every_time(bad):
    ratio(1), ratio(0)  # cached first: True == 1 must not hand back 1's answer
    with pytest.raises((TypeError, ValueError)):
        ratio(bad)


@settings(max_examples=400, deadline=None)
@given(st.integers(-10**9, 10**9), st.integers(1, 10**6), st.integers(0, 6))
def test_float_at_rounds_as_fraction_round_does(numerator, denominator, places):
    """The trace's scores are rounded in integer arithmetic; Python's own rounding of a
    Fraction (half to even) is the reference, ties included."""
    x = Fraction(numerator, denominator)
    assert float_at(x, places) == float(round(x, places)) == float_at(x.as_integer_ratio(), places)
    text = places_text(x.as_integer_ratio(), places)  # the same rounding, printed
    assert Fraction(text) == round(x, places) and len(text.partition(".")[2]) == places
    assert places_text(x, places) == text
    tie = Fraction(2 * numerator + 1, 2 * 10 ** places)  # exactly half a unit
    assert float_at(tie, places) == float(round(tie, places))


def _rounded_reference(confidence: Fraction, baseline: Fraction, contributions: list, places: int) -> tuple:
    """The rounding of shares in Fraction arithmetic, as it was first written: the reference."""
    unit = Fraction(1, 10 ** places)
    floors = [(rule, (c / unit).__floor__()) for rule, c in contributions]
    missing = round(confidence / unit) - round(baseline / unit) - sum(f for _, f in floors)
    order = sorted(range(len(floors)), key=lambda i: (-(contributions[i][1] / unit - floors[i][1]), floors[i][0]))
    bump = set(order[:missing])
    if not 0 <= missing <= len(floors):
        return None
    return (round(confidence / unit), round(baseline / unit),
            tuple((rule, f + (i in bump)) for i, (rule, f) in enumerate(floors)))


class _Exact:
    def __init__(self, confidence, baseline, contributions):
        self.confidence_ratio, self.baseline_ratio = confidence.as_integer_ratio(), baseline.as_integer_ratio()
        self.contributions = tuple(contributions)

    def units(self) -> tuple:
        return in_common(self.contributions)


_FRACTION = st.builds(Fraction, st.integers(-10**6, 10**6), st.sampled_from([1, 2, 3, 4, 6, 7, 8, 12, 20000, 30000]))


@settings(max_examples=400, deadline=None)
@given(_FRACTION, st.lists(_FRACTION, max_size=6), st.integers(0, 4))
def test_rounded_units_round_as_fraction_arithmetic_does(baseline, shares, places):
    """Shares are rounded in integer arithmetic; the same rounding in fractions (remainders
    compared exactly, ties by rule id, many ties on purpose) is the reference."""
    contributions = [(f"r{i % 3}{i}", c) for i, c in enumerate(shares)]
    confidence = baseline + sum(shares, Fraction(0))
    expected = _rounded_reference(confidence, baseline, contributions, places)
    verdict = _Exact(confidence, baseline, contributions)
    if expected is None:
        with pytest.raises(AssertionError):
            rounded_units(verdict, places)
        return
    assert rounded_units(verdict, places) == expected
    scale = Decimal(10) ** -places  # the printed figures: Decimal's own text of the same units
    assert rounded(verdict, places) == (str(expected[0] * scale), str(expected[1] * scale),
                                        tuple((r, str(n * scale)) for r, n in expected[2]))


_OUTCOMES = ("coaching", "mentoring", "sponsorship")
_LIMITS = st.sampled_from([0.5, 1, 1.5, 2, 2.25, 3, 0.1, 0.3, 4])
_CLAUSE_TESTS = st.one_of(
    st.tuples(st.sampled_from(["total_below", "strongest_below", "each_at_least", "ratio_at_most"]), _LIMITS),
    st.tuples(st.just("leads"), st.sampled_from(_OUTCOMES)),
    st.tuples(st.just("below"), st.lists(st.tuples(st.sampled_from(_OUTCOMES), _LIMITS), min_size=1, max_size=2,
                                         unique_by=lambda p: p[0]).map(tuple)),
    st.tuples(st.just("among"), st.lists(st.sampled_from(_OUTCOMES), min_size=2, max_size=3, unique=True).map(tuple)),
    st.tuples(st.just("concluded"), st.sampled_from(["refer", "not_now"])))


def _within_scope(tests: tuple) -> bool:
    """As a policy must be written: `leads` and `below` name outcomes the clause weighs."""
    among = dict(tests).get("among", _OUTCOMES)
    return all(o in among for t, a in tests if t in ("leads", "below") for o in ([a] if t == "leads" else dict(a)))


@settings(max_examples=500, deadline=None)
@example((("ratio_at_most", 1.5),), [3, 2, 2], False, False)  # each boundary met exactly
@example((("total_below", 3),), [1, 1.5, 0.5], False, False)
@example((("strongest_below", 3), ("each_at_least", 0)), [3, 0, 0.1], False, False)
@example((("each_at_least", 2),), [2, 2.25, 3], False, False)
@example((("below", (("coaching", 0.3), ("mentoring", 2))),), [0.3, 2, 0], False, False)
@example((("among", ("coaching", "mentoring")), ("ratio_at_most", 2)), [4, 2, 0], False, False)
@given(st.lists(_CLAUSE_TESTS, min_size=1, max_size=3, unique_by=lambda t: t[0]).map(tuple).filter(_within_scope),
       st.lists(st.sampled_from([0, 0.5, 1, 1.5, 2, 2.25, 3, 4, 4.5, 6, 0.1, 0.2, 0.3, 0.15]), min_size=3, max_size=3),
       st.booleans(), st.booleans())
def test_clause_tests_in_whole_units_are_the_tests_on_fractions(tests, weights, refer, not_now):
    """policy.holds decides every test in whole numbers of the scores' unit (as decide and
    settle count): the same answers as on the fractions, and as each test's plain statement
    on the fractions of the written decimals (tests/reference.py's)."""
    from pathfit.engine.pipeline.policy import holds

    # scores from the thresholds' own values, so a score often equals a limit or two make its ratio
    scores = {o: reference._q(w) for o, w in zip(_OUTCOMES, weights)}
    unit = math.lcm(*(s.denominator for s in scores.values()))
    units = {o: int(s * unit) for o, s in scores.items()}
    fractions = holds(tests, scores, sum(scores.values()), refer, not_now)
    assert holds(tests, units, sum(units.values()), refer, not_now, unit) == fractions
    among = dict(tests).get("among", _OUTCOMES)
    mine = {o: s for o, s in scores.items() if o in among}
    total = sum(mine.values(), Fraction(0))

    def plain(test, arg) -> bool:
        q = reference._q
        return {"among": lambda: True, "concluded": lambda: refer if arg == "refer" else not_now,
                "total_below": lambda: total < q(arg), "strongest_below": lambda: max(mine.values()) < q(arg),
                "each_at_least": lambda: min(mine.values()) >= q(arg),
                "ratio_at_most": lambda: min(mine.values()) > 0 and max(mine.values()) / min(mine.values()) <= q(arg),
                "below": lambda: all(scores[o] < q(n) for o, n in arg),
                "leads": lambda: all(mine[arg] > s for o, s in mine.items() if o != arg)}[test]()
    assert fractions == all(plain(t, a) for t, a in tests)


@settings(max_examples=400, deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=10 ** 6))
@example(Fraction(21, 40))  # 0.525: a figure halfway, which formatting the float rounded up to 0.53
@example(Fraction(52501, 100000))  # 0.5250 at four places, 0.53 at two from the exact value
@example(Fraction(2, 3))
def test_a_confidence_read_from_its_json_figure_says_what_recommend_says_from_the_exact_value(x):
    """Regression: a view with only the JSON figure (the explanation tree, a record) printed it with
    the float's binary rounding, so `explain` said 0.53 where `recommend` said 0.52 (exact 0.525).
    At two places the figure's text is the exact value rounded once, half to even (Fraction's
    own rounding); where the figure cannot tell (it lies halfway), the figure whole, at four."""
    text = figure_text(float_at(x, JSON_PLACES))
    places = len(text.partition(".")[2])
    if places == 2:
        assert Fraction(text) == round(x, 2)
    else:
        assert places == JSON_PLACES and Fraction(text) == round(x, JSON_PLACES)
        assert Fraction(text) * 100 % 1 == Fraction(1, 2)  # halfway between two values at two places


@pytest.mark.parametrize("figure", [True, None, "0.5", [0.5], float("inf"), float("-inf"), float("nan")])
def test_a_records_confidence_that_is_no_finite_number_is_printed_as_it_is(figure):
    """Regression: a hand-made record's confidence that is not a finite number (a bool passes
    the record's shape check) stopped `figure_text` with decimal's InvalidOperation or an
    OverflowError; a view prints it as it is."""
    assert figure_text(figure) == repr(figure)


def test_a_view_with_the_decision_in_hand_prints_its_figure_as_recommend_does():
    """Regression: the derivation tree on the same web page as the recommendation printed its
    four-place figure where it lies halfway (0.5250 beside `recommend`'s 0.52): a view that has
    the decision rounds the exact value, as `recommend` does; one read back from JSON cannot."""
    from types import SimpleNamespace

    from pathfit.engine.explain.how import render_how
    from pathfit.engine.pipeline.figures import confidence_phrase

    exact = Fraction(21, 40)  # 0.525 exactly: 0.52 at two places, half to even
    assert confidence_phrase(float_at(exact, JSON_PLACES), True, exact) == "confidence 0.52"
    assert confidence_phrase(float_at(exact, JSON_PLACES), True) == "confidence 0.5250"
    tree = {"outcome": "coaching", "referral": None, "confidence": float_at(exact, JSON_PLACES), "settled": True,
            "because": []}
    decision = SimpleNamespace(verdict=SimpleNamespace(confidence_ratio=exact.as_integer_ratio()))
    assert render_how(tree, 80, decision).splitlines()[0] == "coaching  confidence 0.52"
    assert render_how(tree, 80).splitlines()[0] == "coaching  confidence 0.5250"
