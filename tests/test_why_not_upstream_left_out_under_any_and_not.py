"""Why-not shows, under a rule that did not fire, the rules that could have derived a fact it
needed (`upstream`). Before: only where the part of its condition that failed was one comparison
on that fact; a failed `any` of derived facts (the bundled `coaching.trigger`: a senior
transition, or high potential) or a failed `not` over one showed none, though the derived fact
was just as needed. And a comparison that failed because the fact holds (`wants_structure is
false` where it is true) listed the fact's other derivers that did not fire, none of which could
make it false. Now the upstream rules are those deriving a derived fact that the failed part
needs to hold, where that fact was established false: the rules that could have derived it."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import LEADS_POLICY, written_rule_set

SCHEMA = """ruleset: upstream
knowledge_base: kb.md
facts:
  a: {type: bool, question: A?}
  b: {type: bool, question: B?}
  c: {type: bool, question: C?}
derived:
  d: {description: d}
  e: {description: e}
"""
RULES = """rules:
  - {id: der.d, reason: A gives d., cites: [k], when: {fact: a, equals: true}, then: {derive: [d]}}
  - {id: der.d2, reason: C gives d too., cites: [k], when: {fact: c, equals: true}, then: {derive: [d]}}
  - {id: der.e, reason: B gives e., cites: [k], when: {fact: b, equals: true}, then: {derive: [e]}}
  - id: m.any
    reason: D or e is mentoring.
    cites: [k]
    when: {any: [{fact: d, equals: true}, {fact: e, equals: true}]}
    then: {evidence: {mentoring: 2}}
  - id: m.not
    reason: D not false is mentoring.
    cites: [k]
    when: {not: {fact: d, equals: false}}
    then: {evidence: {mentoring: 1}}
  - id: m.false
    reason: D false is mentoring.
    cites: [k]
    when: {fact: d, equals: false}
    then: {evidence: {mentoring: 1}}
  - {id: c.c, reason: Always coaching., cites: [k], when: {fact: b, is: known}, then: {evidence: {coaching: 2}}}
"""


def _rules(tmp_path: Path) -> Path:
    return written_rule_set(tmp_path / "rules", SCHEMA, LEADS_POLICY, RULES, ("K", "k"))


def _why_not(tmp_path: Path, *facts: str) -> dict:
    args = [x for f in facts for x in ("--fact", f)]
    got = CliRunner().invoke(cli, ["explain", "--rules", str(_rules(tmp_path)), *args, "--why-not", "mentoring",
                                   "--format", "json"])
    assert got.exit_code == 0, got.output
    return {r["rule"]: r for r in json.loads(got.output)["rules"]}


def test_a_failed_any_of_derived_facts_names_the_rules_that_could_have_derived_them_regression_none(tmp_path):
    rules = _why_not(tmp_path, "a=false", "b=false", "c=false")
    assert rules["m.any"]["status"] == "failed"
    assert [u["rule"] for u in rules["m.any"]["upstream"]] == ["der.d", "der.d2", "der.e"]
    assert all(u["status"] == "failed" for u in rules["m.any"]["upstream"])


def test_a_failed_not_over_a_derived_fact_names_the_rules_that_could_have_derived_it_regression_none(tmp_path):
    rules = _why_not(tmp_path, "a=false", "b=false", "c=false")
    assert rules["m.not"]["status"] == "failed"
    assert [u["rule"] for u in rules["m.not"]["upstream"]] == ["der.d", "der.d2"]


def test_a_fact_that_holds_lists_no_deriver_as_needed_regression_a_failed_one_listed(tmp_path):
    # d holds through der.d; der.d2 failed, and firing it would only make d hold again
    rules = _why_not(tmp_path, "a=true", "b=false", "c=false")
    assert rules["m.false"]["status"] == "failed"
    assert rules["m.false"]["upstream"] == []


def test_the_bundled_trigger_rule_says_why_there_is_no_senior_transition_regression_no_upstream() -> None:
    got = CliRunner().invoke(cli, ["explain", "--fact", "trigger=new_role", "--fact", "career_stage=mid_career",
                                   "--fact", "ready_for_change=true", "--why-not", "coaching", "--format", "json"])
    assert got.exit_code == 0, got.output
    trigger = next(r for r in json.loads(got.output)["rules"] if r["rule"] == "coaching.trigger")
    assert trigger["status"] == "failed"
    assert [(u["rule"], u["status"], u["observed"]) for u in trigger["upstream"]] == [
        ("judge.senior_transition", "failed", "mid_career")]
