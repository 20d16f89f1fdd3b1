"""The HTML report headed a settled decision's ranking "Ranking so far" wherever a rule waited on
an unknown fact, though `recommend` says "so far" only where a rule with evidence waits: a
record kept no waiting rule's effects. For the example of the new VP who wants structure (and
the passed-over analyst), `recommend` printed the ranking as final and the report of its record
as open to change. A record now says whether a rule with evidence waits (`decision.evidence_open`,
sealed in a sealed record), and the report heads its ranking as `recommend` does; a record made
before says "so far" wherever a rule waited, as it did, and still verifies and replays."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.record import seal

from .audit_support import keyed  # the fixture the audit tests share: a fresh audit key
from .audit_support import EXAMPLES, run
from .helpers import COACHING_RULE, yes_no_rule_set


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_report_says_so_far_exactly_where_recommend_does(tmp_path, keyed, example):
    record, page = tmp_path / "r.json", tmp_path / "r.html"
    said = run("recommend", "--profile", example, "--record", record)
    assert said.exit_code == 0, said.output
    header = next(line for line in said.stdout.splitlines() if line.startswith("Ranking ("))
    assert run("report", record, "--out", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert ("<h2>Ranking so far</h2>" in html) == ("so far" in header), header
    assert ("<h2>Ranking</h2>" in html) == ("so far" not in header)


RULES = "rules:\n" + COACHING_RULE.format(coaching=3) + """  - id: m.more
    reason: B says mentoring a little.
    cites: [mentors]
    when: {fact: b, equals: true}
    then: {evidence: {mentoring: 1}}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: coaching, when: {leads: coaching, strongest_below: 10}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""


def test_a_record_made_before_says_so_far_where_a_rule_waited_and_still_verifies(tmp_path):
    (tmp_path / "rules").mkdir()
    rules = yes_no_rule_set(tmp_path / "rules", "waits", "ab", RULES, POLICY)
    record = tmp_path / "r.json"
    said = run("recommend", "--rules", rules, "--fact", "a=true", "--record", record)
    assert said.exit_code == 0 and "Ranking (evidence weight so far" in said.stdout, said.output
    made = json.loads(record.read_text(encoding="utf-8"))
    assert made["decision"]["settled"] is True and made["decision"]["evidence_open"] is True
    del made["decision"]["evidence_open"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(seal(made), indent=2), encoding="utf-8")
    assert run("audit", "verify", old).exit_code == 0
    replayed = run("replay", old, "--rules", rules)
    assert replayed.exit_code == 0, replayed.output
    assert run("report", old, "--out", tmp_path / "old.html").exit_code == 0
    assert "<h2>Ranking so far</h2>" in (tmp_path / "old.html").read_text(encoding="utf-8")
