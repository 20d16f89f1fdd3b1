"""Every rule cites a section that exists, and every section is cited by some rule."""
from __future__ import annotations

from pathfit.engine import Engine


def test_citations_resolve_and_cover_every_section():
    with Engine.load() as engine:
        rs = engine.ruleset
        cited = {c for rule in rs.rules for c in rule.cites}
        assert all(rule.cites for rule in rs.rules)
        assert cited <= set(rs.sections), sorted(cited - set(rs.sections))
        assert set(rs.sections) <= cited, f"sections no rule cites: {sorted(set(rs.sections) - cited)}"


def test_seed_and_domain_criteria_have_sections():
    with Engine.load() as engine:
        anchors = set(engine.ruleset.sections)
    seed = {"focus", "structure", "expertise", "goal-setting", "duration", "methodology",
            "choose-coaching", "choose-mentoring"}
    referrals = {"refer-counselling", "refer-hr-process", "refer-training", "refer-consulting",
                 "not-imposed", "defer-disruption", "fix-the-system"}
    assert seed <= anchors and referrals <= anchors


def test_input_contract_is_exact():
    """HR staff and other programs depend on these names and values as written."""
    contract = {
        "needs": ("set", {"specific_skill", "performance", "behaviour_change", "career_direction",
                          "knowledge_transfer", "organisational_know_how", "network", "sounding_board",
                          "expert_answer", "basic_skills"}),
        "goal_clarity": ("enum", {"specific", "emerging", "undefined"}),
        "measurable_soon": ("bool", None), "horizon_months": ("number", (1, 120)),
        "preferred_structure": ("enum", {"structured", "flexible"}),
        "guidance_style": ("enum", {"challenge_and_feedback", "advice_from_experience", "no_preference"}),
        "domain_experience_needed": ("bool", None),
        "career_stage": ("enum", {"early_career", "mid_career", "senior_leader", "executive"}),
        "trigger": ("enum", {"new_role", "high_potential", "derailment_risk", "succession", "career_change",
                             "inclusion_programme", "none"}),
        "ready_for_change": ("bool", None), "hours_per_month": ("number", (0, 160)),
        "budget_external_coach": ("bool", None), "mentor_available": ("bool", None),
        "confidential_matter": ("bool", None), "team_goal": ("bool", None),
        "wellbeing_concern": ("bool", None), "formal_performance_process": ("bool", None),
    }
    with Engine.load() as engine:
        facts = engine.ruleset.facts
    for name, (ftype, values) in contract.items():
        fact = facts[name]
        assert fact.kind == "input" and fact.type == ftype, name
        assert fact.question, name
        if ftype in ("enum", "set"):
            assert values <= set(fact.values), name
        if ftype == "number":
            assert (fact.minimum, fact.maximum) == values, name
