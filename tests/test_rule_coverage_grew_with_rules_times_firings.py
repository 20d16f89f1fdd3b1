"""`pathfit test`'s coverage found the cases that fired each rule by asking, for every rule
and every case, whether the rule was among the case's firings: rules x cases x firings, so
200 cases of a 3,000-rule set spent 3 of their 17 seconds there. The work now grows with
the firings alone; it is counted here (every firing looked at, by iteration or by a
membership test), never timed, and each rule's cases are checked against a count made by
hand, in case order."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pathfit.engine.authoring.rule_test_run import Result, coverage, percent

from .helpers import LOOKS, CountedFirings, synthetic_engines


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


def _results(rules: tuple) -> list[Result]:
    """Four cases, each firing every third rule from its own start (the fourth as the first),
    with no trace entries: no rule is blocked."""
    ids = [r.id for r in rules]
    return [Result(SimpleNamespace(name=f"case {k}"), "coaching", None, (), CountedFirings(ids[k % 3::3]), {}, {}, ())
            for k in range(4)]


def _looks(rs) -> int:
    results = _results(rs.rules)
    LOOKS[0] = 0
    coverage(rs, results)
    return LOOKS[0]


def test_the_firings_looked_at_grow_with_the_rules_not_with_their_square(engines):
    small = _looks(engines(120, 11).ruleset)
    large = _looks(engines(480, 11).ruleset)
    # four times the rules, about four times the firings: linear work is about 4x, the
    # rules-times-firings scan was about 16x
    assert large <= 5 * small, (small, large)


def test_each_rule_is_fired_by_the_cases_whose_firings_hold_it_in_case_order(engines):
    rs = engines(120, 11).ruleset
    results = _results(rs.rules)
    cov = coverage(rs, results)
    assert [c.rule for c in cov] == [r.id for r in rs.rules]
    for c in cov:
        assert c.fired_by == tuple(r.case.name for r in results if c.rule in tuple(r.fired))
    # cases 0 and 3 fire the same third of the rules, cases 1 and 2 the next two thirds
    assert sum(1 for c in cov if c.fired_by) == len(rs.rules)
    assert percent(cov) == 100.0
