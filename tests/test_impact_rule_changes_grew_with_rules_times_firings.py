"""`pathfit impact`'s per-rule table counted the profiles each rule moved in by asking, for
every rule of both versions and every profile, whether the rule was among that profile's
firings: rules x profiles x firings, so on a 3,000-rule set (some 650 firings a profile)
it took longer than evaluating the corpus. The work now grows with the firings alone; it
is counted here (every firing looked at, by iteration or by a membership test), never
timed, and the table is checked against a count made by hand."""
from __future__ import annotations

import pytest

from pathfit.engine.authoring.impact import ImpactReport, RowImpact, Side

from .helpers import LOOKS, CountedFirings, synthetic_engines


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


def _report(rules: tuple) -> ImpactReport:
    """Four profiles, each firing about half the rules before and a shifted half after."""
    ids = [r.id for r in rules]
    rows = []
    for k in range(4):
        before = CountedFirings(ids[k::2])
        after = CountedFirings(ids[k + 1::2])
        rows.append(RowImpact(k + 1, k + 1, f"p{k}", Side("coaching", None, (), before),
                              Side("coaching", None, (), after)))
    return ImpactReport("base", "new", "corpus", tuple(rows))


def _looks(rules: tuple) -> tuple[int, list[dict], ImpactReport]:
    report = _report(rules)
    LOOKS[0] = 0
    changes = report.rule_changes(rules, rules)
    return LOOKS[0], changes, report


def test_the_firings_looked_at_grow_with_the_rules_not_with_their_square(engines):
    small, _, _ = _looks(engines(120, 11).ruleset.rules)
    large, _, _ = _looks(engines(480, 11).ruleset.rules)
    # four times the rules, about four times the firings: linear work is about 4x, the
    # rules-times-firings scan was about 16x
    assert large <= 5 * small, (small, large)


def test_each_rules_moved_profiles_are_those_whose_two_firings_differ_in_it(engines):
    rules = engines(120, 11).ruleset.rules
    _, changes, report = _looks(rules)
    expected = {}
    for rule in rules:
        moved = sum(1 for row in report.rows
                    if (rule.id in tuple(row.before.fired)) != (rule.id in tuple(row.after.fired)))
        if moved:
            expected[rule.id] = moved
    assert {c["rule"]: c["profiles_changed"] for c in changes} == expected
    assert all(c["status"] == "unchanged" for c in changes)
    fired_before = {r.id: sum(r.id in tuple(row.before.fired) for row in report.rows) for r in rules}
    assert all(c["before"] == fired_before[c["rule"]] for c in changes)
