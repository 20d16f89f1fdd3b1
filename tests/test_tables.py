"""Decision tables: each row is an ordinary rule with its own id, reason, citations and position,
and the decisions of a rule set with tables agree with the reference evaluator, which reads the
tables from the YAML and applies the hit policy itself (tests/reference.py), never the compiler's rows."""
from __future__ import annotations

import itertools
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine

from . import reference
from .test_differential import engine_view, reference_view, settled_facts

TABLED = Path(__file__).parent / "fixtures" / "tabled"


def _profiles() -> list[dict]:
    """Every combination of a few values, unknown included, of the facts the tables and rules read."""
    goals = ["specific", "emerging", "undefined", None]
    hours = [None, 1, 2, 7.5, 8, 100]
    ready = [None, True, False]
    needs = [None, [], ["skill"], ["network", "basics"]]
    return [{k: v for k, v in zip(("goal", "hours", "ready", "needs"), combo) if v is not None}
            for combo in itertools.product(goals, hours, ready, needs)]


def test_decisions_with_tables_agree_with_the_reference():
    tables = reference.load_tables(TABLED)
    assert [t["hit"] for t in tables] == ["first", "unique"]
    with Engine.load(TABLED) as engine:
        settled = settled_facts(engine)
        bad = []
        for profile in _profiles():
            ours = engine_view(engine, profile, settled)
            if ours != reference_view(engine.ruleset, profile, settled, tables):
                bad.append((profile, ours))
    assert bad == []


def test_first_hit_rows_wait_for_an_earlier_row_that_is_unknown():
    with Engine.load(TABLED) as engine:
        assert "hours_fit.some" in engine.evaluate({"hours": 9, "ready": False}).fired
        waiting = engine.evaluate({"hours": 9})  # row `many` is unknown while ready is
        assert not {"hours_fit.many", "hours_fit.some", "hours_fit.otherwise"} & set(waiting.fired)
        assert "hours_fit.otherwise" in engine.evaluate({"hours": 1}).fired


def test_each_row_is_a_rule_with_its_own_id_reason_citations_and_position():
    with Engine.load(TABLED) as engine:
        rules = {r.id: r for r in engine.ruleset.rules}
    assert {i for i in rules if i.startswith(("hours_fit.", "goal_fit."))} == {
        "hours_fit.many", "hours_fit.some", "hours_fit.otherwise",
        "goal_fit.specific", "goal_fit.2", "goal_fit.3", "goal_fit.unready"}
    other = rules["hours_fit.otherwise"]
    assert other.reason == "Few hours suit a mentor's occasional conversations."
    assert other.cites == ("structure",)
    assert (Path(other.pos.file).name, other.pos.line, other.pos.col) == ("tables.yaml", 13, 9)
    assert rules["goal_fit.2"].reason.startswith("The goal, readiness")
    assert (rules["goal_fit.2"].pos.line, rules["goal_fit.2"].pos.col) == (29, 9)


def test_explanations_name_the_row():
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(TABLED), "--fact", "goal=emerging",
                                      "--fact", "ready=true", "--fact", "hours=3", "--fact", "needs=skill"])
    assert result.exit_code == 0, result.output
    assert "[hours_fit.some; kb#structure]" in result.output
    assert "[goal_fit.3; kb#focus]" in result.output
    why = CliRunner().invoke(cli, ["explain", "--rules", str(TABLED), "--fact", "goal=specific",
                                   "--fact", "ready=true", "--fact", "hours=9", "--why-not", "mentoring"])
    assert why.exit_code == 0, why.output
    assert "hours_fit.otherwise" in why.output or "hours_fit.some" in why.output


def _guide_table() -> str:
    """The decision table docs/rule-language.md asks a consultant to add to the init project."""
    text = (Path(__file__).parent.parent / "docs" / "rule-language.md").read_text(encoding="utf-8")
    return text.split("## Decision tables", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_guides_table_lints_clean_in_the_init_project_and_its_overlap_is_reported(tmp_path: Path):
    runner = CliRunner()
    project = tmp_path / "my-rules"
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    (project / "tables.yaml").write_text(_guide_table(), encoding="utf-8")
    clean = runner.invoke(cli, ["lint", "--strict", str(project)])
    assert clean.exit_code == 0, clean.output
    with Engine.load(project) as engine:
        decision = engine.evaluate({"goal_clarity": "emerging", "wants_experienced_guide": False})
    assert "fit.alone" in decision.fired
    (project / "tables.yaml").write_text(_guide_table().replace("[true, emerging]", '[true, "-"]'), encoding="utf-8")
    overlap = runner.invoke(cli, ["lint", str(project)])
    assert overlap.exit_code == 1
    assert "PF228: table 'fit': rows fit.guide_emerging (line 12) and fit.guide_specific (line 13)" in overlap.output
