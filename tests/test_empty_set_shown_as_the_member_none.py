"""Regression: `audit show` and the HTML report wrote a set answered with none of its values as
"none", the same word as a set holding a member named `none`, so an auditor could not tell a
person who wanted nothing from one who wanted `none`. An empty set is now "(empty set)", words
no value can be (values are identifiers), and the member `none` is still "none"."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from .audit_support import run
from .helpers import written_rule_set

SCHEMA = """ruleset: none-member
knowledge_base: kb.md
facts:
  wants:
    type: set
    values: [none, more]
    labels: {none: Nothing in particular, more: More}
    question: What does the person want?
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
decision:
  - {outcome: undetermined, when: {strongest_below: 1}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
RULES = """rules:
  - id: w.more
    reason: Wanting more is coaching's.
    cites: [w]
    when: {fact: wants, contains: more}
    then: {evidence: {coaching: 1}}
"""


@pytest.fixture(scope="module")
def logged(tmp_path_factory) -> tuple[Path, dict]:
    where = tmp_path_factory.mktemp("none")
    rules = written_rule_set(where / "rules", SCHEMA, POLICY, RULES, ("Wants", "w"))
    (where / "in.jsonl").write_text('{"id": "empty", "wants": []}\n{"id": "member", "wants": ["none"]}\n')
    made = run("batch", "--rules", rules, where / "in.jsonl", "--out", where / "out.jsonl",
               "--audit-log", where / "audit.log")
    assert made.exit_code == 0, made.output
    rows = [json.loads(line) for line in (where / "out.jsonl").read_text().splitlines()]
    return where, {row["id"]: row["record_id"] for row in rows}


def _shown_wants(where: Path, record_id: str) -> str:
    said = run("audit", "show", where / "audit.log", "--id", record_id)
    assert said.exit_code == 0, said.output
    return next(line.split(None, 1)[1] for line in said.output.splitlines() if line.startswith("  wants "))


def _report_wants(where: Path, record_id: str) -> str:
    made = run("report", where / "audit.log", "--id", record_id, "--out", where / f"{record_id}.html")
    assert made.exit_code == 0, made.output
    page = (where / f"{record_id}.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r"<td><code>wants</code></td><td>(.*?)</td>", page).group(1))


def test_audit_show_tells_an_empty_set_from_the_member_none(logged):
    where, ids = logged
    assert _shown_wants(where, ids["empty"]) == "(empty set)"
    assert _shown_wants(where, ids["member"]) == "none"


def test_the_report_tells_an_empty_set_from_the_member_none(logged):
    where, ids = logged
    assert _report_wants(where, ids["empty"]) == "(empty set)"
    assert _report_wants(where, ids["member"]) == "none"
