"""`recommend`'s "why" (text, Markdown, the web page) names a rule that concluded not now exactly where
the deciding step tests `concluded: not_now`, whatever outcome that step gives and however its
confidence is stated. Before: it named such a rule wherever the outcome was not_now and nowhere else,
so a step giving undetermined on `concluded: not_now, leads: mentoring` with `confidence: share` left
out the rule that concluded, and not now given by a step that weighs evidence alone
(`strongest_below`) named a not-now rule that did not weigh in (the outcome is the same without it)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.page import result

from .audit_support import run
from .helpers import NOT_NOW_RULE, SCORED_RULES, yes_no_rule_set

RULES = SCORED_RULES.format(coaching="1", mentoring="3") + NOT_NOW_RULE
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {{}}
decision:
{first}
  - {{outcome: not_now, when: {{concluded: not_now}}, confidence: certain}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""


def _why(where: Path, first: str, true: str) -> tuple[str, list[str], list[str]]:
    """(the headline, the reasons `recommend` prints, the reasons the web page lists), unwrapped."""
    rules = yes_no_rule_set(where, "whyconcl", "abn", RULES, POLICY.format(first=first))
    facts = [arg for f in "abn" for arg in ("--fact", f"{f}={'true' if f in true else 'false'}")]
    got = run("recommend", "--rules", rules, *facts)
    assert got.exit_code == 0, got.output
    text = got.stdout.replace("\n    ", " ")
    said = [line[4:].split(" [")[0] for line in text.splitlines() if line.startswith("  - ")]
    with Engine.load(rules) as engine:
        page = result(engine.ruleset, engine.evaluate({f: f in true for f in "abn"}))
    items = page.split('<ul id="reasons">')[1].split("</ul>")[0].split("<li>")[1:]
    return text.splitlines()[0], said, [re.sub(r"<[^>]+>", "", item).split(" [")[0] for item in items]


def test_a_step_testing_concluded_beside_evidence_names_the_rule_that_concluded_whatever_its_outcome_regression_left_out(
        tmp_path):
    # mentoring 3 leads coaching 1 and n concluded not now: step 1 gives undetermined, its figure
    # mentoring's share 3/4 (c.goal and m.guide each a share); n.unready met its `concluded` test
    first = "  - {outcome: undetermined, when: {concluded: not_now, leads: mentoring}, confidence: share}"
    headline, said, page = _why(tmp_path, first, "abn")
    assert headline == "Recommendation: Undetermined: more information is needed"
    assert said == page == ["A says coaching.", "B says mentoring.", "N says not now."]


def test_not_now_given_on_evidence_alone_names_no_not_now_rule_regression_named_by_outcome(tmp_path):
    # no evidence: step 1 (every score below 1) gives not now before any step reads the conclusion;
    # without n.unready the outcome is the same, so it did not weigh in
    first = "  - {outcome: not_now, when: {strongest_below: 1}, confidence: shortfall}"
    headline, said, page = _why(tmp_path, first, "n")
    assert headline == "Recommendation: Not now"
    assert "N says not now." not in said and "N says not now." not in page
    assert _why(tmp_path, first, "")[0] == headline  # the same without the rule


@pytest.mark.parametrize("first, true, expected", [
    ("  - {outcome: coaching, when: {leads: coaching}, confidence: share}", "abn", ["N says not now."]),
    ("  - {outcome: undetermined, when: {concluded: not_now}, confidence: certain}", "abn", ["N says not now."]),
])
def test_a_step_that_concludes_names_the_rules_that_concluded(tmp_path, first, true, expected):
    # coaching does not lead, so step 2 (`concluded: not_now`, certain) or step 1 decides on the conclusion
    assert _why(tmp_path, first, true)[1] == expected
