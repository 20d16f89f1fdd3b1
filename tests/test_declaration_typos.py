"""One message per mistake in a declaration: a broken derived fact, a misspelt decision
test or evidence outcome, and an effect list left empty, each reported once, at its own
token, and never again at the correct rules and clauses that use what it declares.
Validation's side is in tests/cases/validation.yaml; these cases add what lint reports
beside it (its PARSED checks run while the rule set has errors), by code and position."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.lint.run import lint

FIXTURES = Path(__file__).parent / "fixtures"
TINY_POLICY_HEAD = """evidence_outcomes: [coaching, mentoring]
referrals: [counselling, training]
formats:
  external_coach: {for: [coaching, blended]}
  peer_mentoring: {for: [mentoring, blended]}
decision:
"""


def _copy(tmp: Path, base: str, files: dict[str, str]) -> Path:
    rules = tmp / "rules"
    shutil.copytree(FIXTURES / base, rules)
    for name, text in files.items():
        (rules / name).write_text(text, encoding="utf-8")
    return rules


def _found(directory: Path) -> list[tuple]:
    return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col, p.severity) for p in lint(directory).problems]


def test_a_type_on_a_boolean_derived_fact_is_reported_once(tmp_path: Path) -> None:
    schema = (FIXTURES / "tiny" / "schema.yaml").read_text().replace(
        "  structured:\n    description: wants structure\n",
        "  structured:\n    description: wants structure\n    type: boolean\n")
    rules = _copy(tmp_path, "tiny", {"schema.yaml": schema})
    assert _found(rules) == [("PF204", "schema.yaml", 27, 11, "error")]


def test_a_misspelt_values_key_on_a_valued_derived_fact_is_reported_once(tmp_path: Path) -> None:
    schema = (FIXTURES / "valued" / "schema.yaml").read_text().replace(
        "    values: [fast, steady, slow]", "    vales: [fast, steady, slow]")
    rules = _copy(tmp_path, "valued", {"schema.yaml": schema})
    assert _found(rules) == [("PF202", "schema.yaml", 22, 5, "error")]


def test_a_misspelt_decision_test_is_not_a_clause_without_tests(tmp_path: Path) -> None:
    policy = TINY_POLICY_HEAD + """  - {outcome: undetermined, when: {strongest_bellow: 2}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
    rules = _copy(tmp_path, "tiny", {"policy.yaml": policy})
    assert _found(rules) == [("PF202", "policy.yaml", 7, 36, "error")]


def test_clause_order_claims_only_what_broken_tests_leave_certain(tmp_path: Path) -> None:
    """Two clauses whose tests did not validate read alike (`total_below` unreadable) but
    need not be alike: no `same tests` claim. A clause after an unconditional one never
    decides whatever its tests are: that claim stays."""
    policy = TINY_POLICY_HEAD + """  - {outcome: undetermined, when: {total_below: two}, confidence: shortfall}
  - {outcome: undetermined, when: {total_below: three}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
  - {outcome: mentoring, when: {leeds: mentoring}, confidence: share}
"""
    rules = _copy(tmp_path, "tiny", {"policy.yaml": policy})
    assert _found(rules) == [
        ("PF203", "policy.yaml", 7, 49, "error"),
        ("PF203", "policy.yaml", 8, 49, "error"),
        ("PF713", "policy.yaml", 11, 5, "warning"),
        ("PF202", "policy.yaml", 11, 33, "error"),
    ]


def test_a_misspelt_evidence_outcome_is_reported_once(tmp_path: Path) -> None:
    policy = (FIXTURES / "tiny" / "policy.yaml").read_text().replace(
        "evidence_outcomes: [coaching, mentoring]", "evidence_outcomes: [coaching, mentorin]")
    rules = _copy(tmp_path, "tiny", {"policy.yaml": policy})
    assert _found(rules) == [("PF213", "policy.yaml", 1, 31, "error")]


def test_lint_strict_refuses_a_rule_whose_effects_are_all_empty(tmp_path: Path) -> None:
    extra = """rules:
  - id: x.empty
    reason: r
    cites: [focus]
    when: {fact: ready, equals: true}
    then: {derive: [], suggest: []}
"""
    rules = _copy(tmp_path, "tiny", {"extra.yaml": extra})
    result = CliRunner().invoke(cli, ["lint", "--strict", "--rules", str(rules)])
    assert result.exit_code == 1, result.output
    assert [(c, f, ln, col) for c, f, ln, col, _ in _found(rules)] == [("PF214", "extra.yaml", 6, 11)]
