"""An interview answer is read as `--fact`, a profile and a CSV cell read it: a whole number
stays the whole number typed. The interview made every answer a float before checking its
range, so on a fact whose range ends at 2**53 (the largest the rules may name) an answer of
2**53 + 1 became 2**53, was in range, and was decided as 2**53, where every other way in
refuses it as out of range (PF404). It is asked again now, as any answer out of range is."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import SHARE_POLICY, written_rule_set

TOP = 2 ** 53
SCHEMA = f"""ruleset: wide
knowledge_base: kb.md
facts:
  x:
    type: number
    min: {-TOP}
    max: {TOP}
    unit: hours
    question: How many?
derived: {{}}
"""
RULES = f"""rules:
  - id: c.top
    reason: At the top.
    cites: [goals]
    when: {{fact: x, gte: {TOP}}}
    then: {{evidence: {{coaching: 1}}}}
  - id: m.bottom
    reason: At the bottom.
    cites: [goals]
    when: {{fact: x, lte: {-TOP}}}
    then: {{evidence: {{mentoring: 1}}}}
"""


def wide_rules(where: Path) -> Path:
    """A rule set of one number fact whose range runs from -2**53 to 2**53, the widest allowed."""
    return written_rule_set(where / "wide", SCHEMA, SHARE_POLICY, RULES, ("Goals", "goals"))


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return wide_rules(tmp_path)


@pytest.mark.parametrize("typed", [str(TOP + 1), str(-TOP - 1), str(TOP + 3)])
def test_an_answer_past_two_to_the_53_is_asked_again_not_rounded_into_range(rules: Path, typed: str):
    fact = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", f"x={typed}"])
    assert fact.exit_code == 2 and "PF404" in fact.output  # the other ways in refuse it
    out = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--format", "json"], input=f"{typed}\n7\n",
                             catch_exceptions=False)
    assert out.exit_code == 0, out.output
    decision = json.loads(out.stdout[out.stdout.index("{"):])
    assert decision["facts"] == {"x": 7}  # the answer out of range was not taken; the next one was
    assert decision["fired"] == []


@pytest.mark.parametrize("typed", [str(TOP), str(-TOP)])
def test_an_answer_at_two_to_the_53_is_taken_as_typed(rules: Path, typed: str):
    out = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--format", "json"], input=f"{typed}\n",
                             catch_exceptions=False)
    decision = json.loads(out.stdout[out.stdout.index("{"):])
    assert decision["facts"] == {"x": int(typed)}
    assert type(decision["facts"]["x"]) is int
