"""The PF720 brute-force check (tests/test_lint_subsumed_brute_force.py) decided every profile
of a rule set with a rule left out, though the rule is redundant only if every profile comes
out the same: the first profile that differs settles it, and the rest were decided unread.
Each profile is now decided when the comparison asks for it; the rule set with every rule is
still decided for every profile."""
from __future__ import annotations

from pathlib import Path

from . import reference
from .test_lint_subsumed_brute_force import redundancies
from .test_value_conflicts_brute_force import PROFILES

# each fires exactly where the other does (b1 unknown, as in the first profile), for another outcome
RULES = [dict(rule, reason="R.", cites=["goals"]) for rule in [
    {"id": "r.a", "when": {"fact": "b1", "is": "unknown"}, "then": {"evidence": {"coaching": 1}}},
    {"id": "r.b", "when": {"fact": "b1", "is": "unknown"}, "then": {"evidence": {"mentoring": 1}}},
]]


def test_a_rule_set_without_a_rule_is_decided_up_to_the_first_profile_that_differs(tmp_path: Path, monkeypatch):
    decided = []
    real = reference.evaluate

    def counted(rs, profile, *args):
        decided.append(profile)
        return real(rs, profile, *args)

    monkeypatch.setattr(reference, "evaluate", counted)
    assert PROFILES[0] == {}
    claimed, fires, _ = redundancies(RULES, tmp_path)
    assert (claimed, fires) == (set(), set())
    assert decided == PROFILES + [{}, {}]  # every profile with both rules; the first alone without either
