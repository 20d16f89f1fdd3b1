"""A record's derivation tree (its HTML report, `pathfit report`) places the rule that concluded the
referral given and no rule that concluded another: with a rule referring to training and one to
therapy both fired, the policy takes training (first in its `referrals`), and the record, which
holds no policy, must not name the therapy rule among the reasons for the advice. Held against
`explain --format json`, which decides with the policy in hand."""
from __future__ import annotations

import json

from pathfit.engine.reports.graph import tree_from_record

from .audit_support import run
from .helpers import COACHING_RULE, yes_no_rule_set

RULES = "rules:\n" + COACHING_RULE.format(coaching=3) + """  - id: r.train
    reason: R says training.
    cites: [mentors]
    when: {fact: r, equals: true}
    then: {refer: training}
  - id: t.therapy
    reason: T says therapy.
    cites: [mentors]
    when: {fact: t, equals: true}
    then: {refer: therapy}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: [training, therapy]
formats: {}
decision:
  - {outcome: refer, when: {concluded: refer}, confidence: certain}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""


def test_a_records_tree_names_only_the_rule_that_concluded_the_referral_given(tmp_path):
    (tmp_path / "rules").mkdir()
    rules = yes_no_rule_set(tmp_path / "rules", "tworefs", "art", RULES, POLICY)
    facts = [arg for f in "art" for arg in ("--fact", f"{f}=true")]
    explained = json.loads(run("explain", "--rules", rules, *facts, "--format", "json").stdout)
    assert (explained["outcome"], explained["referral"]) == ("refer", "training")
    assert [node["rule"] for node in explained["because"]] == ["r.train"]
    record = tmp_path / "r.json"
    assert run("recommend", "--rules", rules, *facts, "--record", record).exit_code == 0
    tree = tree_from_record(json.loads(record.read_text(encoding="utf-8")))
    assert [node["rule"] for node in tree["because"]] == [node["rule"] for node in explained["because"]]
    assert run("report", record, "--out", tmp_path / "r.html").exit_code == 0
    shown = (tmp_path / "r.html").read_text(encoding="utf-8").split("The same derivation as text")[1]
    assert "r.train" in shown and "t.therapy" not in shown
