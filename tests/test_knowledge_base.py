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


KB_PATH = __import__("pathlib").Path(__file__).resolve().parent.parent / "knowledge_base.md"


def _kb_sections_and_sources():
    import re
    text = KB_PATH.read_text(encoding="utf-8")
    heading = re.compile(r"^#{1,6}\s+.*<a id=\"([^\"]+)\"></a>\s*$")
    sections, anchor = {}, None
    for line in text.splitlines():
        m = heading.match(line)
        if m:
            anchor = m.group(1)
            sections[anchor] = None
        elif anchor and line.startswith("Sources: "):
            sections[anchor] = [s.strip() for s in line[len("Sources: "):].split(";")]
    listed = set(re.findall(r"^- \*\*(.+?)\*\*", text.split("\n## Sources\n", 1)[1], flags=re.M))
    return text, sections, listed


def test_every_section_names_sources_that_the_sources_list_holds():
    _, sections, listed = _kb_sections_and_sources()
    assert sections and listed
    missing_line = [a for a, srcs in sections.items() if not srcs]
    assert not missing_line, f"sections without a Sources line: {missing_line}"
    unknown = {a: sorted(set(srcs) - listed) for a, srcs in sections.items() if set(srcs) - listed}
    assert not unknown, f"sources not in the Sources list: {unknown}"


def test_every_listed_source_is_used():
    _, sections, listed = _kb_sections_and_sources()
    used = {s for srcs in sections.values() for s in srcs}
    assert listed <= used | {"ICF"}, sorted(listed - used)


def test_knowledge_base_points_at_no_working_material():
    """Sources are named by author, title and year; no file paths or notes outside the project."""
    text, _, _ = _kb_sections_and_sources()
    assert "seed/" not in text and "domain notes" not in text.lower()


def test_every_rule_cites_sections_whose_sources_exist():
    _, sections, listed = _kb_sections_and_sources()
    with Engine.load() as engine:
        for rule in engine.ruleset.rules:
            assert rule.cites, rule.id
            for anchor in rule.cites:
                assert anchor in sections, (rule.id, anchor)
                assert sections[anchor] and set(sections[anchor]) <= listed, (rule.id, anchor)


def test_new_input_facts_keep_the_old_contract_and_add_readiness_parts():
    """Readiness split into awareness and willingness, ready_for_change kept; new facts added, none renamed."""
    with Engine.load() as engine:
        facts = engine.ruleset.facts
        referrals = engine.ruleset.policy.referrals
    for name in ("ready_for_change", "aware_of_issue", "willing_to_change", "line_manager_backing",
                 "internal_coach_available", "expert_answer_is_main_wish"):
        assert facts[name].kind == "input" and facts[name].type == "bool", name
    assert {"personal_growth", "advocacy", "role_model", "digital_fluency"} <= set(facts["needs"].values)
    assert referrals == ("counselling", "hr_process", "organisational_action", "consulting", "training")


def test_every_evidence_rule_waits_for_its_gate():
    """knowledge base, readiness, mentoring-readiness and sponsorship-outcome: evidence for
    coaching counts only through coaching_can_start, evidence for mentoring only through
    mentoring_can_start, evidence for sponsorship only for a person who is willing
    (read at the top level of the rule's condition, so it must hold for the rule to fire)."""
    from pathfit.engine.pipeline.model import All, Cmp
    with Engine.load() as engine:
        rules = engine.ruleset.rules
    gates = {"coaching": "coaching_can_start", "mentoring": "mentoring_can_start", "sponsorship": "willing"}
    for rule in rules:
        top = rule.when.items if isinstance(rule.when, All) else (rule.when,)
        read = {c.fact for c in top if isinstance(c, Cmp) and c.op == "equals" and c.value is True}
        for outcome, _ in rule.then.evidence:
            assert gates[outcome] in read, (rule.id, outcome)


def test_ready_for_change_means_the_same_in_schema_rules_and_knowledge_base():
    """The combined readiness question: yes counts as willing, no is read as not now
    because the missing element cannot be told; it does not cover time."""
    text, _, _ = _kb_sections_and_sources()
    with Engine.load() as engine:
        rs = engine.ruleset
    help_text = rs.facts["ready_for_change"].help
    for element in ("awareness", "dissatisfaction", "willingness", "openness to feedback"):
        assert element in help_text and element in text, element
    assert "not time" in help_text and "not time" in text
    by_id = {r.id: r for r in rs.rules}
    assert by_id["not_now.not_ready"].then.not_now
    assert "cannot be told" in by_id["not_now.not_ready"].reason and "cannot" in help_text
    willing = by_id["judge.willing"].when
    assert any(getattr(c, "fact", None) == "ready_for_change" for c in willing.items)
    assert rs.facts["open_with_mentor"].kind == "input" and rs.facts["open_with_mentor"].type == "bool"
