"""The derivation tree's text (`explain`, the web page's tree) prints each rule's evidence as the rule
file wrote it, with its own sign, as the HTML report's tree does (reports.numbers.signed_text).
Before: it printed `+{w:g}`, six significant digits, so a weight of 1234567.25 read "+1.23457e+06",
0.1234567 read "+0.123457", and a negative certainty factor of -0.3 read "+-0.3"."""
from __future__ import annotations

from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.page import result

from .audit_support import run
from .helpers import SCORED_POLICY, SCORED_RULES, yes_no_rule_set

CERTAINTY_POLICY = """combine: certainty
evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: coaching, when: {leads: coaching, certainty_at_least: 0.5}, confidence: certainty}
  - {outcome: undetermined, when: {}, confidence: doubt}
"""
NEGATIVE_RULES = SCORED_RULES.format(coaching="0.9", mentoring="0.5") + """  - id: n.doubt
    reason: N doubts coaching and backs mentoring.
    cites: [goals]
    when: {fact: n, equals: true}
    then: {evidence: {coaching: -0.3, mentoring: 0.1234567}}
"""


def _tree_lines(rules: Path, facts: dict) -> tuple[list[str], list[str]]:
    """(the rule lines of `explain`'s tree, those of the web page's tree)."""
    given = [arg for f, v in facts.items() for arg in ("--fact", f"{f}={str(v).lower()}")]
    got = run("explain", "--rules", rules, *given)
    assert got.exit_code == 0, got.output
    with Engine.load(rules) as engine:
        page = result(engine.ruleset, engine.evaluate(facts))
    shown = page.split('<pre id="how">')[1].split("</pre>")[0]
    return ([line[3:] for line in got.stdout.splitlines() if line[:3] in ("├─ ", "└─ ")],
            [line[3:] for line in shown.splitlines() if line[:3] in ("├─ ", "└─ ")])


@pytest.mark.parametrize("coaching, mentoring", [("1234567.25", "0.1234567"), ("2.0000004", "1")])
def test_the_tree_prints_each_weight_as_written_regression_six_digits(tmp_path, coaching, mentoring):
    rules = yes_no_rule_set(tmp_path, "howweights", "ab", SCORED_RULES.format(coaching=coaching, mentoring=mentoring),
                            SCORED_POLICY.format(below="1"))
    text, page = _tree_lines(rules, {"a": True, "b": True})
    expected = [f"c.goal [+{coaching} coaching]", f"m.guide [+{mentoring} mentoring]"]
    assert text == page == expected


def test_a_negative_certainty_factor_is_printed_with_its_own_sign_regression_plus_minus(tmp_path):
    rules = yes_no_rule_set(tmp_path, "howsign", "abn", NEGATIVE_RULES, CERTAINTY_POLICY)
    text, page = _tree_lines(rules, {"a": True, "b": True, "n": True})
    # coaching: 0.9 with -0.3 is (0.9 - 0.3) / (1 - 0.3) = 6/7, ahead of mentoring's certainty
    assert text == page == ["c.goal [+0.9 coaching]", "m.guide [+0.5 mentoring]",
                            "n.doubt [-0.3 coaching, +0.1234567 mentoring]"]
