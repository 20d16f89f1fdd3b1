"""A third evidence outcome in the bundled policy: sponsorship.

What must hold, checked on the engine's decide and, independently, on the
reference evaluator (tests/reference.py), which must agree on every draw:
- with no evidence for sponsorship the policy decides exactly as the
  two-outcome policy did (outcome, confidence, every contribution);
- once coaching or mentoring reaches 3, evidence for sponsorship changes
  neither the outcome nor the confidence (a strong development need is given,
  the sponsor stays a suggestion);
- more evidence for one outcome can only keep the answer, decide that outcome,
  or blend; never decide another.
And the clause tests `among` and `below` are located errors when they name
what cannot be weighed; why-not's standing reads only what the clause weighs.
"""
from __future__ import annotations

import shutil
from fractions import Fraction

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.pipeline.decide import decide
from pathfit.engine.pipeline.model import Clause, Policy
from pathfit.engine.pipeline.firings import Firing

from .decide_check import checked_verdict
from .helpers import ROOT

OUTCOMES = ("coaching", "mentoring", "sponsorship")
WEIGHTS = (0, 0.5, 1, 2, 3)


@pytest.fixture(scope="module")
def policy():
    with Engine.load() as engine:
        yield engine.ruleset.policy


def _two_outcome() -> Policy:
    """The bundled policy as it was before sponsorship: coaching and mentoring only."""
    return Policy(OUTCOMES[:2], ("counselling",), (), (
        Clause("undetermined", (("strongest_below", 3),), "shortfall"),
        Clause("blended", (("each_at_least", 4), ("ratio_at_most", 1.5)), "balance"),
        Clause("coaching", (("leads", "coaching"),), "share"),
        Clause("mentoring", (("leads", "mentoring"),), "share"),
        Clause("undetermined", (), "balance")))


def _both(policy: Policy, evidence: list):
    """decide's verdict for fired rules with these (coaching, mentoring, sponsorship)
    weights, after checking it against the reference evaluator."""
    return checked_verdict(policy, evidence)


def _rows(width: int):
    return st.lists(st.tuples(*[st.sampled_from(WEIGHTS)] * width), max_size=5)


@settings(max_examples=120, deadline=None)
@given(rows=_rows(2))
def test_without_sponsorship_evidence_the_policy_decides_as_before(policy, rows):
    now = _both(policy, [row + (0,) for row in rows])
    before = _both(_two_outcome(), rows)
    assert (now.outcome, now.confidence, now.contributions) == (before.outcome, before.confidence,
                                                                before.contributions)


@settings(max_examples=120, deadline=None)
@given(rows=_rows(2), sponsor=st.lists(st.sampled_from(WEIGHTS[1:]), min_size=1, max_size=3))
def test_a_strong_development_need_is_never_overridden_by_sponsorship(policy, rows, sponsor):
    without = _both(policy, [row + (0,) for row in rows])
    scores = dict(without.scores)
    if max(scores["coaching"], scores["mentoring"]) < 3:
        return
    extra = [(0, 0, w) for w in sponsor]
    with_sponsor = _both(policy, [row + (0,) for row in rows] + extra)
    assert with_sponsor.outcome == without.outcome != "sponsorship"
    assert with_sponsor.confidence == without.confidence


@settings(max_examples=150, deadline=None)
@given(rows=_rows(3), side=st.sampled_from(OUTCOMES), weight=st.sampled_from(WEIGHTS[1:]))
def test_more_evidence_for_one_outcome_never_decides_another(policy, rows, side, weight):
    before = _both(policy, rows).outcome
    after = _both(policy, rows + [tuple(weight if o == side else 0 for o in OUTCOMES)]).outcome
    if before in ("undetermined", side):
        assert after in (before, side, "blended"), (rows, side, weight, before, after)


def test_sponsorship_borderline_at_3(policy):
    assert _both(policy, [(0, 1, 2.5)]).outcome == "undetermined"
    v = _both(policy, [(0, 1, 3)])
    assert (v.outcome, v.confidence) == ("sponsorship", Fraction(3, 4))  # its share of all the evidence
    assert _both(policy, [(0, 3, 5)]).outcome == "mentoring"  # mentoring at 3 decides
    assert _both(policy, [(0, 2.5, 5)]).outcome == "sponsorship"
    assert _both(policy, [(3, 3, 5)]).outcome == "undetermined"  # an even split is not sponsorship


def _copy(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "knowledge_base.md", tmp_path / "knowledge_base.md")
    return tmp_path / "rules" / "policy.yaml"


BAD = [
    ("{leads: coaching, among: [coaching, mentoring]}", "{leads: coaching, among: [mentoring, sponsorship]}",
     "PF204", "'leads: coaching' can never hold"),
    ("{leads: mentoring, among: [coaching, mentoring]}", "{leads: mentoring, among: [coaching, mentorng]}",
     "PF213", "'mentorng' is not one of"),
    ("below: {coaching: 3, mentoring: 3}", "below: {coaching: 3, mentorin: 3}",
     "PF213", "'below' takes evidence outcomes"),
    ("{each_at_least: 4, ratio_at_most: 1.5, among: [coaching, mentoring]}",
     "{each_at_least: 4, ratio_at_most: 1.5, among: []}", "PF204", "`among` names at least one"),
]


@pytest.mark.parametrize("old,new,code,message", BAD, ids=[b[3] for b in BAD])
def test_among_and_below_mistakes_are_located_errors(tmp_path, old, new, code, message):
    path = _copy(tmp_path)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if new in t)
    result = CliRunner().invoke(cli, ["lint", "--rules", str(path.parent)])
    assert result.exit_code != 0, result.output
    located = [x for x in result.output.splitlines() if f": {code}: " in x and message in x]
    assert located and located[0].startswith(f"{path}:{line}:"), result.output


def test_why_not_blended_counts_only_what_the_blend_weighs(tmp_path):
    """The blend clause weighs coaching and mentoring: its standing names their
    shortfalls, never sponsorship's."""
    profile = tmp_path / "p.yaml"
    profile.write_text("facts: {needs: [advocacy], willing_to_change: true, hours_per_month: 2, "
                       "open_with_mentor: true}\n")
    result = CliRunner().invoke(cli, ["explain", "--profile", str(profile), "--why-not", "blended", "--ids"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "coaching is 4 short; mentoring is 3 short" in text, result.output
    assert "sponsorship is" not in text
    said = " ".join(CliRunner().invoke(cli, ["explain", "--profile", str(profile), "--why-not", "blended"]).output.split())
    assert "Executive coaching is 4 short; Mentoring is 3 short" in said, said
    assert "A sponsor is" not in said and "sponsorship is" not in said
    assert "(policy step 5), weighing only Executive coaching and Mentoring, needs each of them at least 4" in said


def test_referral_and_not_now_come_before_sponsorship(policy):
    """However much evidence for sponsorship, a concluded referral or not now decides first."""
    advocate = Firing(1, "s", (), (), (("sponsorship", 5),), (), None, False)
    referred = Firing(2, "r", (), (), (), (), "counselling", False)
    not_now = Firing(3, "n", (), (), (), (), None, True)
    assert decide(policy, [advocate]).outcome == "sponsorship"
    assert (decide(policy, [advocate, referred]).outcome, decide(policy, [advocate, referred]).referral) == \
        ("refer", "counselling")
    assert decide(policy, [advocate, not_now]).outcome == "not_now"
