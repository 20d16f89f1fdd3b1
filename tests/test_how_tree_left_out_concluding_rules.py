"""The derivation tree (`explain`, its JSON, the web page's tree, a record's HTML report) names every
rule that decided: those with a share of the confidence and those that concluded what the deciding
step tests. Before: it named only the rules in `contributions`, so a step testing `concluded` beside
an evidence test with `confidence: share` (refer on `concluded: refer, leads: mentoring`) showed the
evidence rules and left out the rule that concluded the referral, which `recommend`'s "why" and
why-not name."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.reports.graph import tree_from_record
from pathfit.engine.service.page import result

from .audit_support import run
from .helpers import NOT_NOW_RULE, SCORED_RULES, TRAINING_RULE, yes_no_rule_set

RULES = SCORED_RULES.format(coaching="1", mentoring="3") + NOT_NOW_RULE + TRAINING_RULE
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: [training]
formats: {{}}
decision:
  - {{outcome: {outcome}, when: {{concluded: {concluded}, leads: mentoring}}, confidence: {confidence}}}
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""
# (step 1's outcome, what it tests, the facts, the rule that concluded it): a, b, and the concluding
# rule's fact all true, so mentoring 3 leads coaching 1 and step 1 decides
CASES = [("refer", "refer", "abr", "r.train"), ("not_now", "not_now", "abn", "n.unready"),
         ("undetermined", "not_now", "abn", "n.unready")]


def _rules(where: Path, outcome: str, concluded: str, confidence: str) -> Path:
    return yes_no_rule_set(where, "howconcl", "abnr", RULES,
                           POLICY.format(outcome=outcome, concluded=concluded, confidence=confidence))


def _facts(true: str) -> list[str]:
    return [arg for f in "abnr" for arg in ("--fact", f"{f}={'true' if f in true else 'false'}")]


@pytest.mark.parametrize("outcome, concluded, true, concluding", CASES)
def test_the_how_tree_names_the_rule_that_concluded_beside_those_with_a_share_regression_concluding_rule_left_out(
        tmp_path, outcome, concluded, true, concluding):
    rules = _rules(tmp_path, outcome, concluded, "share")
    # step 1 weighs mentoring 3 against coaching 1 (share 3/4, c.goal and m.guide each a share) and
    # needs the conclusion: the three rules decided, in firing order
    expected = sorted(["c.goal", "m.guide", concluding])
    tree = json.loads(run("explain", "--rules", rules, *_facts(true), "--format", "json").stdout)
    assert (tree["outcome"], tree["confidence"]) == (outcome, 0.75)
    assert sorted(node["rule"] for node in tree["because"]) == expected
    text = run("explain", "--rules", rules, *_facts(true)).stdout
    assert sorted(line.split()[1] for line in text.splitlines() if line[:3] in ("├─ ", "└─ ")) == expected
    with Engine.load(rules) as engine:
        facts = {f: f in true for f in "abnr"}
        page = result(engine.ruleset, engine.evaluate(facts))
    how = page.split('<pre id="how">')[1].split("</pre>")[0]
    assert sorted(line.split()[1] for line in how.splitlines() if line[:3] in ("├─ ", "└─ ")) == expected


def test_a_record_s_tree_names_the_rule_that_concluded_the_referral_regression_concluding_rule_left_out(tmp_path):
    rules = _rules(tmp_path, "refer", "refer", "share")
    record = tmp_path / "r.json"
    assert run("recommend", "--rules", rules, *_facts("abr"), "--record", record).exit_code == 0
    tree = tree_from_record(json.loads(record.read_text(encoding="utf-8")))
    assert sorted(node["rule"] for node in tree["because"]) == ["c.goal", "m.guide", "r.train"]
    assert run("report", record, "--out", tmp_path / "r.html").exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    shown = page.split("The same derivation as text")[1]
    assert "&lt;- r.train [refers to training]" in shown


@pytest.mark.parametrize("outcome, concluded, true, concluding", CASES)
def test_a_certain_step_s_tree_is_the_rules_that_concluded(tmp_path, outcome, concluded, true, concluding):
    rules = _rules(tmp_path, outcome, concluded, "certain")
    tree = json.loads(run("explain", "--rules", rules, *_facts(true), "--format", "json").stdout)
    assert (tree["outcome"], tree["confidence"]) == (outcome, 1.0)
    assert [node["rule"] for node in tree["because"]] == [concluding]
