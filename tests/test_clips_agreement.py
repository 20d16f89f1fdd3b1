"""pathfit against CLIPS, an engine written independently of durable-rules and of pathfit,
on complete profiles (every input known: there CLIPS's closed world and pathfit's "unknown
is not false" must agree). The rules go to CLIPS as bench/clips_rules.py writes them, the
encoding the benchmark times; each person must get exactly the rules pathfit fired, exactly
its evidence totals (CLIPS adds whole numbers of one unit), and the outcome pathfit gave.

The benchmark checks the same on every person it times; these tests hold the encoding and
the comparison in CI, and show the comparison catches a rule fired otherwise or a weight
added otherwise.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from bench.clips_rules import ClipsRunner, agrees, evidence_unit, person_slots
from pathfit.engine import Engine
from pathfit.engine.pipeline.model import Not, RuleSet, facts_in
from tools import synth

from .helpers import synthetic_engines


def _disagreeing(engine: Engine, rs_for_clips: RuleSet, people: list[dict], decisions: list | None = None) -> list[int]:
    """Indices of the people on whom CLIPS, given `rs_for_clips`, and pathfit disagree: pathfit's
    decisions made here, or the ones the test already has of the same people by the same engine."""
    runner = ClipsRunner(rs_for_clips)
    out = []
    for i, p in enumerate(people):
        decision = engine.evaluate(p) if decisions is None else decisions[i]
        if not agrees(engine.ruleset, runner, person_slots(engine.ruleset, engine.check(p)), decision):
            out.append(i)
    return out


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


@pytest.fixture(scope="module")
def bundled(synthetic) -> Engine:
    return synthetic(0, 0)


def test_clips_agrees_with_pathfit_on_the_bundled_rules(bundled: Engine) -> None:
    rs = bundled.ruleset
    people = synth.profiles(rs, 600, seed=17, known_fraction=1.0)
    assert len(rs.policy.evidence_outcomes) == 3  # sponsorship's weights too
    decisions = [bundled.evaluate(p) for p in people]
    assert _disagreeing(bundled, rs, people, decisions) == []
    fired = [set(d.fired) for d in decisions]
    assert len(set().union(*fired)) >= len(rs.rules) // 2  # the people reach much of the rule set


@pytest.mark.parametrize("n_rules,seed", [(30, 11), (200, 3), (200, 41), (300, 11)])
def test_clips_agrees_with_pathfit_on_generated_rule_bases(synthetic, n_rules: int, seed: int) -> None:
    """Generated bases use every operator, `all`, `any`, `not`, sets, numbers at their
    thresholds and derived facts read true and false (tests/test_differential.py checks
    that of a 200-rule base)."""
    engine = synthetic(n_rules, seed)
    people = synth.profiles(engine.ruleset, 300, seed=seed + 5, known_fraction=1.0)
    assert _disagreeing(engine, engine.ruleset, people) == []


@pytest.mark.parametrize("seed", range(100, 112))
def test_clips_agrees_with_pathfit_on_many_small_generated_bases(tmp_path, seed: int) -> None:
    """Twelve more generated bases, of 20 to 75 rules: each seed draws its own facts,
    thresholds, layers and policy weights."""
    synth.write_rule_base(tmp_path, 20 + 5 * (seed % 12), seed)
    with Engine.load(tmp_path) as engine:
        people = synth.profiles(engine.ruleset, 150, seed=seed, known_fraction=1.0)
        assert _disagreeing(engine, engine.ruleset, people) == []


def test_evidence_is_added_in_whole_units(bundled: Engine) -> None:
    """Weights of 1/2 and whole numbers: one unit of 1/2, so each total is exact."""
    rs = bundled.ruleset
    weights = {Fraction(str(w)) for r in rs.rules for _, w in r.then.evidence}
    assert Fraction(1, 2) in weights
    assert evidence_unit(rs) == 2
    runner = ClipsRunner(rs)
    p = synth.profiles(rs, 1, seed=3, known_fraction=1.0)[0]
    fired, totals = runner.run(person_slots(rs, bundled.check(p)))
    assert all(type(n) is int for n in totals)
    assert runner.scores(totals) == {o: dict(bundled.evaluate(p).verdict.scores).get(o, 0)
                                     for o in rs.policy.evidence_outcomes}


def _replace_rule(rs: RuleSet, index: int, **fields) -> RuleSet:
    rules = list(rs.rules)
    rules[index] = rules[index]._replace(**fields)
    return rs._replace(rules=tuple(rules))


def test_a_weight_added_otherwise_is_a_disagreement_exactly_where_that_rule_fires(bundled: Engine) -> None:
    rs = bundled.ruleset
    index = next(i for i, r in enumerate(rs.rules) if r.then.evidence)
    rule = rs.rules[index]
    (outcome, weight), *rest = rule.then.evidence
    changed = _replace_rule(rs, index, then=rule.then._replace(evidence=((outcome, weight + 1), *rest)))
    people = synth.profiles(rs, 400, seed=23, known_fraction=1.0)
    decisions = [bundled.evaluate(p) for p in people]
    firing = [i for i, d in enumerate(decisions) if rule.id in d.fired]
    assert firing and len(firing) < len(people)
    assert _disagreeing(bundled, changed, people, decisions) == firing


def test_a_rule_fired_otherwise_is_a_disagreement_for_everyone(synthetic) -> None:
    """A rule that derives nothing and reads input facts only, given to CLIPS negated:
    on a complete profile it then fires exactly where pathfit's does not."""
    engine = synthetic(30, 11)
    rs = engine.ruleset
    index = next(i for i, r in enumerate(rs.rules) if not r.then.derive
                 and all(rs.facts[c.fact].kind == "input" for c in facts_in(r.when)))
    changed = _replace_rule(rs, index, when=Not(rs.rules[index].when))
    people = synth.profiles(rs, 100, seed=29, known_fraction=1.0)
    assert _disagreeing(engine, changed, people) == list(range(len(people)))


def test_a_rule_set_that_combines_by_certainty_is_refused(tmp_path: Path, bundled: Engine) -> None:
    """Certainty factors are not sums: the encoding says so rather than add them."""
    from bench.clips_rules import Unsupported, constructs

    rs = bundled.ruleset._replace(policy=bundled.ruleset.policy._replace(combine="certainty"))
    with pytest.raises(Unsupported, match="certainty"):
        constructs(rs)
