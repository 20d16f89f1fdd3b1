"""The reference evaluator (tests/reference.py) worked out the policy's arithmetic, in exact
fractions, for every profile apart, though its verdict depends only on the rules fired: the
brute-force tests decide hundreds of profiles per rule set with a handful of distinct sets of
rules fired. Each set is now decided once per policy, and every verdict is still the one
`ref_decide` gives for that profile's fired rules, its dicts the caller's own."""
from __future__ import annotations

from pathlib import Path

from pathfit.engine.pipeline.ruleset import read_ruleset

from . import reference
from .test_lint_subsumed_brute_force import _write
from .test_value_conflicts_brute_force import PROFILES

RULES = [dict(rule, reason="R.", cites=["goals"]) for rule in [
    {"id": "r.d1", "when": {"fact": "b1", "equals": True}, "then": {"derive": ["d1"]}},
    {"id": "r.a", "when": {"all": [{"fact": "d1", "equals": True}, {"fact": "n1", "gte": 2}]},
     "then": {"evidence": {"coaching": 1}, "suggest": ["f1"]}},
    {"id": "r.b", "when": {"fact": "e1", "one_of": ["a", "b"]}, "then": {"evidence": {"mentoring": 1}}},
    {"id": "r.c", "when": {"fact": "s1", "contains": "x"}, "then": {"refer": "training"}},
    {"id": "r.use", "when": {"fact": "d2", "equals": False}, "then": {"evidence": {"mentoring": 1}}},
]]


def test_each_set_of_fired_rules_is_decided_once_and_as_ref_decide_decides_it(tmp_path: Path, monkeypatch):
    rs = read_ruleset(_write(tmp_path / "rules", RULES))
    calls = []
    real = reference.ref_decide

    def counted(policy, fired):
        calls.append(tuple(r.id for r in fired))
        return real(policy, fired)

    monkeypatch.setattr(reference, "ref_decide", counted)
    results = [reference.evaluate(rs, profile) for profile in PROFILES]
    distinct = {r.fired for r in results}
    assert len(calls) == len(set(calls)) == len(distinct) < len(PROFILES) // 10
    by_id = {r.id: r for r in rs.rules}
    wanted = [real(rs.policy, [by_id[i] for i in sorted(r.fired)]) for r in results]
    assert [r.verdict for r in results] == wanted
    for result in results:  # the caller's own: a later verdict of the same rules keeps its dicts
        result.verdict.scores.clear()
        result.verdict.contributions.clear()
    assert [reference.evaluate(rs, profile).verdict for profile in PROFILES] == wanted


def test_a_stand_in_for_ref_decide_is_asked_while_it_stands_in_and_no_longer(tmp_path: Path, monkeypatch):
    """A test may put another ref_decide in place for a while (tests/test_value_conflicts_brute_force.py
    does, to skip the arithmetic): its answers are its own and are not kept past it."""
    rs = read_ruleset(_write(tmp_path / "rules", RULES))
    want = reference.evaluate(rs, PROFILES[0]).verdict
    with monkeypatch.context() as m:
        m.setattr(reference, "ref_decide", lambda policy, units: None)
        assert [reference.evaluate(rs, p).verdict for p in PROFILES[:2]] == [None, None]
    assert reference.evaluate(rs, PROFILES[0]).verdict == want
