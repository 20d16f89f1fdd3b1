"""A record's derivation (its HTML report) left out the rule that concluded not now where the
deciding clause tested `concluded: not_now` beside evidence: the record held no policy, so its
tree could not tell that clause from one weighing evidence alone, and drew the not-now as
reached from a rule with evidence for coaching. A record now names the rules that met its
deciding clause's `concluded` test (`decision.concluding_rules`, sealed in a sealed record), held
against `explain --format json`, which decides with the policy in hand; a record made before
says plainly, in its report, what it cannot tell; such a record still verifies and replays."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.record import seal
from pathfit.engine.reports.graph import tree_from_record

from .audit_support import keyed  # the fixture the audit tests share: a fresh audit key
from .audit_support import SENSITIVE_EXAMPLE, run
from .helpers import COACHING_RULE, yes_no_rule_set

RULES = "rules:\n" + COACHING_RULE.format(coaching=3) + """  - id: n.wait
    reason: N says not now.
    cites: [mentors]
    when: {fact: n, equals: true}
    then: {not_now: true}
"""
TESTS_NOT_NOW = "{concluded: not_now, leads: coaching}"  # n.wait is a reason for the advice
WEIGHS_ALONE = "{leads: coaching}"  # n.wait is not


def _policy(first: str) -> str:
    return f"""evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {{}}
decision:
  - {{outcome: not_now, when: {first}, confidence: share}}
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""


FACTS = ["--fact", "a=true", "--fact", "n=true"]


def _recorded(tmp_path, first: str) -> tuple[dict, dict]:
    """(explain's tree, the record) for a person both rules fire for, under a policy whose first
    clause gives not now `when: first`."""
    (tmp_path / "rules").mkdir()
    rules = yes_no_rule_set(tmp_path / "rules", "notnow", "an", RULES, _policy(first))
    explained = json.loads(run("explain", "--rules", rules, *FACTS, "--format", "json").stdout)
    record = tmp_path / "r.json"
    assert run("recommend", "--rules", rules, *FACTS, "--record", record).exit_code == 0
    return explained, json.loads(record.read_text(encoding="utf-8"))


@pytest.mark.parametrize("first", [TESTS_NOT_NOW, WEIGHS_ALONE])
def test_a_records_tree_names_the_rules_explain_names_for_a_not_now_on_evidence(tmp_path, first):
    explained, record = _recorded(tmp_path, first)
    assert explained["outcome"] == "not_now"
    tree = tree_from_record(record)
    assert [n["rule"] for n in tree["because"]] == [n["rule"] for n in explained["because"]]
    assert ("n.wait" in record["decision"]["concluding_rules"]) == (first == TESTS_NOT_NOW)


def test_the_report_draws_the_rule_that_concluded_the_tested_not_now(tmp_path):
    _, record = _recorded(tmp_path, TESTS_NOT_NOW)
    assert run("report", tmp_path / "r.json", "--out", tmp_path / "r.html").exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;- n.wait [not now]" in page.split("The same derivation as text")[1]
    assert 'id="unplaced"' not in page


def test_a_record_made_before_says_what_its_report_cannot_show_and_still_verifies(tmp_path):
    _, record = _recorded(tmp_path, TESTS_NOT_NOW)
    del record["decision"]["concluding_rules"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(seal(record), indent=2), encoding="utf-8")
    assert run("audit", "verify", old).exit_code == 0
    replayed = run("replay", old, "--rules", tmp_path / "rules")
    assert replayed.exit_code == 0, replayed.output
    assert run("report", old, "--out", tmp_path / "old.html").exit_code == 0
    page = (tmp_path / "old.html").read_text(encoding="utf-8")
    said = page.split('<p id="unplaced">')[1].split("</p>")[0]
    assert "n.wait" in said and "cannot tell" in said


def test_a_forged_concluding_rule_is_refused_as_disagreeing_with_the_trace(tmp_path):
    _, record = _recorded(tmp_path, WEIGHS_ALONE)
    record["decision"]["concluding_rules"] = ["c.goal"]  # concluded nothing
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(seal(record), indent=2), encoding="utf-8")
    result = run("report", forged, "--out", tmp_path / "f.html")
    assert result.exit_code == 2 and "PF608" in result.output
    assert not (tmp_path / "f.html").exists()


def test_a_sealed_record_keeps_its_concluding_rules_in_the_box(tmp_path, keyed):
    record = tmp_path / "s.json"
    assert run("recommend", "--profile", SENSITIVE_EXAMPLE, "--record", record).exit_code == 0
    clear = json.loads(record.read_text(encoding="utf-8"))["decision"]
    assert "concluding_rules" not in clear and "concluding_rules" in clear["sealed"]
    shown = run("audit", "show", record, "--format", "json")
    assert shown.exit_code == 0, shown.output
