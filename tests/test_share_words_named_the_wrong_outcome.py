"""The words above the reasons say whose evidence a `share` (or `certainty`) figure is worked from:
the outcome the deciding step tests with `leads`. Before: they said "its weight for this outcome"
(for `certainty`, "this outcome's certainty") though a step may give another outcome on a lead
(`{outcome: undetermined, when: {leads: mentoring}}`, or refer on `concluded: refer, leads:
mentoring`), where the figure is mentoring's share and a mentoring reason adds to it."""
from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.page import result

from .audit_support import run
from .helpers import SCORED_RULES, TRAINING_RULE, yes_no_rule_set

RULES = SCORED_RULES.format(coaching="1", mentoring="3") + TRAINING_RULE
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: [training]
formats: {{}}
decision:
  - {{outcome: {outcome}, when: {when}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""


def _said(where: Path, outcome: str, when: str, facts: dict, policy: str = POLICY, rules: str = RULES) -> tuple:
    """(recommend's text unwrapped, the web page's reasons header)."""
    made = yes_no_rule_set(where, "sharewords", "abr", rules, policy.format(outcome=outcome, when=when))
    given = [arg for f, v in facts.items() for arg in ("--fact", f"{f}={str(v).lower()}")]
    got = run("recommend", "--rules", made, *given)
    assert got.exit_code == 0, got.output
    with Engine.load(made) as engine:
        page = result(engine.ruleset, engine.evaluate(facts))
    return " ".join(got.stdout.split()), unescape(page.split("<h3>Why")[1].split("</h3>")[0])


@pytest.mark.parametrize("outcome, when, r", [
    ("undetermined", "{leads: mentoring}", False),
    ("coaching", "{leads: mentoring}", False),
    ("refer", "{concluded: refer, leads: mentoring}", True),
])
def test_a_share_on_another_outcome_s_lead_names_that_outcome_regression_said_this_outcome(tmp_path, outcome, when, r):
    # mentoring 3 against coaching 1: the figure is mentoring's share, 3/4 = 0.50 + 0.375 - 0.125 (printed
    # 0.37 and -0.12: the unit left over goes to the tie first by rule id, c.goal)
    text, page = _said(tmp_path, outcome, when, {"a": True, "b": True, "r": r})
    words = ("(confidence starts at 0.50; a reason adds its weight for Mentoring and takes away its "
             "weight for the other):")
    assert "Confidence: 0.75 Why " + words in text
    assert "B says mentoring. [kb#mentors] (+0.37)" in text and "A says coaching. [kb#goals] (-0.12)" in text
    assert page == " " + words.rstrip(":")


def test_a_share_on_its_own_outcome_s_lead_says_this_outcome(tmp_path):
    text, page = _said(tmp_path, "mentoring", "{leads: mentoring}", {"a": True, "b": True, "r": False})
    assert "a reason adds its weight for this outcome and takes away its weight for the other" in text
    assert "its weight for this outcome" in page


CERTAINTY_RULES = SCORED_RULES.format(coaching="0.2", mentoring="0.6")
CERTAINTY_POLICY = """combine: certainty
evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {{}}
decision:
  - {{outcome: {outcome}, when: {when}, confidence: certainty}}
  - {{outcome: undetermined, when: {{}}, confidence: doubt}}
"""


@pytest.mark.parametrize("outcome, words", [("undetermined", "Mentoring's certainty"),
                                             ("mentoring", "this outcome's certainty")])
def test_a_certainty_figure_names_the_outcome_it_is_the_certainty_of_regression_said_this_outcome(
        tmp_path, outcome, words):
    text, page = _said(tmp_path, outcome, "{leads: mentoring, certainty_at_least: 0.5}",
                       {"a": True, "b": True, "r": False}, CERTAINTY_POLICY, CERTAINTY_RULES)
    assert "Confidence: 0.60" in text
    assert f"each reason adds what its certainty factor changed in {words}, taken in rule-id order" in text
    assert words in page
