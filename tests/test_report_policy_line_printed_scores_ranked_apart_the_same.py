"""Regression: the HTML report's "Decision policy" line printed each evidence score as recorded
(four places), so two scores the policy ranked apart could print the same: "Clause 2 of the
policy decided Executive coaching; evidence: Executive coaching 1.0, Mentoring 1.0", where the
scores were 1.00001 and 1, and the report's own ranking above it (as `recommend`) printed
1.00001 and 1.00000. The line now prints every score as the ranking does."""
from __future__ import annotations

import re
import subprocess
import sys

from .helpers import ROOT

SCHEMA = """ruleset: tiny
knowledge_base: ../knowledge_base.md
facts:
  a: {type: bool, question: Is a?}
  b: {type: bool, question: Is b?}
"""
POLICY = """description: Two evidence outcomes.
evidence_outcomes: [coaching, mentoring]
referrals: []
decision:
- {outcome: undetermined, when: {total_below: 1}, confidence: shortfall}
- {outcome: coaching, when: {leads: coaching}, confidence: share}
- {outcome: mentoring, when: {leads: mentoring}, confidence: share}
- {outcome: undetermined, when: {}, confidence: balance}
"""
RULES = """rules:
- id: ev.a
  reason: A holds.
  cites: [focus]
  when: {fact: a, equals: true}
  then: {evidence: {coaching: %s}}
- id: ev.b
  reason: B holds.
  cites: [focus]
  when: {fact: b, equals: true}
  then: {evidence: {mentoring: 1}}
"""


def _page(tmp_path, weight: str) -> str:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "schema.yaml").write_text(SCHEMA)
    (rules / "policy.yaml").write_text(POLICY)
    (rules / "ev.yaml").write_text(RULES % weight)
    (tmp_path / "knowledge_base.md").write_text((ROOT / "knowledge_base.md").read_text())
    (tmp_path / "person.yaml").write_text("a: true\nb: true\n")
    cli = [sys.executable, "-m", "pathfit.cli.main"]
    for args in (["recommend", "--rules", "rules", "--profile", "person.yaml", "--record", "r.json"],
                 ["report", "r.json", "--out", "r.html"]):
        done = subprocess.run([*cli, *args], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return (tmp_path / "r.html").read_text()


def _policy_scores(page: str) -> list[str]:
    line = re.search(r"<p>Clause \d+ of the policy decided .*?; evidence: (.*?)[;.]</p>", page).group(1)
    return re.findall(r"</bdi> ([-0-9./]+)", line)


def _ranking_scores(page: str) -> list[str]:
    ranking = re.search(r'<ol id="ranking">(.*?)</ol>', page).group(1)
    return re.findall(r"</bdi> ([-0-9./]+)</li>", ranking)


def test_scores_ranked_apart_print_apart_in_the_policy_line(tmp_path) -> None:
    page = _page(tmp_path, "1.00001")
    policy, ranking = _policy_scores(page), _ranking_scores(page)
    assert ranking == ["1.00001", "1.00000"], ranking
    assert len(set(policy)) == 2, policy  # coaching's and mentoring's, in the policy's order
    assert policy == ranking, (policy, ranking)


def test_scores_recorded_apart_are_printed_as_recorded(tmp_path) -> None:
    page = _page(tmp_path, "2")
    assert _policy_scores(page) == _ranking_scores(page) == ["2.0", "1.0"]
