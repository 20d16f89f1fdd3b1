"""The ranking orders evidence outcomes by their exact scores: a score stronger by less than
any printed place still ranks first though the policy lists it second, and scores that are
equal exactly (0.1 + 0.2 and 0.3, apart as floats) share a rank in the policy's order. The
expected order is worked out here from the weights as written, with Fraction, not by pathfit."""
from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.reports.html import render as html_report

from .helpers import SCORED_POLICY, scored_rule_set, yes_no_rule_set

THREE_RULES = """rules:
  - id: c.goal
    reason: A says coaching.
    cites: [goals]
    when: {fact: a, equals: true}
    then: {evidence: {coaching: 0.3}}
  - id: m.one
    reason: B says mentoring.
    cites: [mentors]
    when: {fact: b, equals: true}
    then: {evidence: {mentoring: 0.1}}
  - id: m.two
    reason: C says mentoring.
    cites: [mentors]
    when: {fact: c, equals: true}
    then: {evidence: {mentoring: 0.2}}
"""


def _recommend(rules: Path, facts: str, *more: str) -> str:
    args = ["recommend", "--rules", str(rules), *(a for f in facts for a in ("--fact", f"{f}=true")), *more]
    got = CliRunner().invoke(cli, args)
    assert got.exit_code == 0, got.output
    return got.output


def test_a_score_stronger_by_less_than_a_printed_place_ranks_first_though_the_policy_lists_it_second(tmp_path):
    coaching, mentoring = "2.001", "2.004"  # mentoring stronger by 0.003; the policy lists coaching first
    rules = scored_rule_set(tmp_path, "close", coaching, mentoring)
    expected = sorted([("coaching", Fraction(coaching)), ("mentoring", Fraction(mentoring))],
                      key=lambda pair: -pair[1])
    assert [o for o, _ in expected] == ["mentoring", "coaching"]
    out = json.loads(_recommend(rules, "ab", "--format", "json"))
    assert [(r["outcome"], Fraction(r["exact"])) for r in out["ranking"]] == expected
    assert "  1. Mentoring 2.004\n  2. Executive coaching 2.001\n" in _recommend(rules, "ab")
    with Engine.load(rules) as engine:
        record = build_record(engine, engine.evaluate({"a": True, "b": True}), None, record_id="r1")
    listed = re.search(r'<ol id="ranking">(.*?)</ol>', html_report(record)).group(1)
    assert re.findall(r'<li value="(\d)" title="exact [^"]*"><bdi>([^ <]*)', listed) == [("1", "Mentoring"), ("2", "Executive")]


def test_scores_equal_exactly_but_not_as_floats_share_a_rank_in_the_policys_order(tmp_path):
    rules = yes_no_rule_set(tmp_path, "sums", "abc", THREE_RULES, SCORED_POLICY.format(below="0.1"))
    assert 0.1 + 0.2 != 0.3 and Fraction("0.1") + Fraction("0.2") == Fraction("0.3")
    out = json.loads(_recommend(rules, "abc", "--format", "json"))
    assert [(r["outcome"], r["exact"]) for r in out["ranking"]] == [("coaching", "3/10"), ("mentoring", "3/10")]
    assert "  1. Executive coaching 0.30\n  1. Mentoring 0.30\n" in _recommend(rules, "abc")
