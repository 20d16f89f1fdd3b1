"""Why-not's three-valued status of every rule, checked against the independent
reference evaluator (tests/reference.py): the explanation skips rules that fired and
evaluates the others with closures compiled once per rule set (explain/conditions.py)."""
from __future__ import annotations

from pathfit.engine import Engine
from pathfit.engine.explain.why_not import explain
from tools import synth

from .reference import _eval


def test_fired_rules_skipped_by_why_not_are_true_and_every_definite_status_matches_the_reference():
    engine = Engine.load()
    rs = engine.ruleset
    try:
        for known in (1.0, 0.6, 0.3):
            for profile in synth.profiles(rs, 12, seed=3, known_fraction=known):
                result = engine._runner.run(engine.check(profile))
                entries, status = explain(rs, result)
                derived = {f.name: None for f in rs.facts.values() if f.kind == "derived"}
                derived.update({f: True for f in result.holds})
                derived.update({f: False for f in result.fails})
                fired = set(result.fired)
                for rule in rs.rules:
                    reference = _eval(rule.when, rs, result.facts, derived)
                    if rule.id in fired:
                        assert reference is True and status[rule.id] == (True, frozenset()), rule.id
                    elif reference is not None:  # settled by the run: why-not must agree
                        assert status[rule.id][0] is reference, (rule.id, known)
                listed = [e["rule"] for e in entries]
                assert listed == [r.id for r in rs.rules if r.id not in fired]
                assert all((e["status"] == "failed") == (status[e["rule"]][0] is False) for e in entries)
    finally:
        engine.close()
