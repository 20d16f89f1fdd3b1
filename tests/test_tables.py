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
    """By id for a consultant (--ids); HR staff read the row's reason instead."""
    facts = ["--fact", "goal=emerging", "--fact", "ready=true", "--fact", "hours=3", "--fact", "needs=skill"]
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(TABLED), *facts, "--ids"])
    assert result.exit_code == 0, result.output
    assert "[hours_fit.some; kb#structure]" in result.output
    assert "[goal_fit.3; kb#focus]" in result.output
    hr = CliRunner().invoke(cli, ["recommend", "--rules", str(TABLED), *facts]).output
    assert "hours_fit.some" not in hr and "Broad development points to mentoring. [kb#focus]" in hr
    why = CliRunner().invoke(cli, ["explain", "--rules", str(TABLED), "--fact", "goal=specific",
                                   "--fact", "ready=true", "--fact", "hours=9", "--why-not", "mentoring", "--ids"])
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


def _brute_matches(test: str, cell, value) -> bool:
    """A cell against a known value, restated for the brute-force check below."""
    if cell == "-":
        return True
    if test == "one_of":
        return value in (cell if isinstance(cell, list) else [cell])
    return {"equals": value == cell, "lt": value < cell, "gte": value >= cell}[test]


def test_lint_overlaps_and_gaps_agree_with_brute_force_over_every_half_hour(tmp_path: Path):
    """Random small tables on goal and hours (0..160): lint's column stand-in values must find exactly
    the overlapping row pairs and the gaps that trying every goal and every half hour finds."""
    import random
    import re
    import shutil

    import yaml

    from pathfit.engine.authoring.lint.run import lint

    rng = random.Random(20261201)
    goals = ["specific", "emerging", "undefined"]
    inputs = [{"fact": "goal", "test": "one_of"}, {"fact": "hours", "test": rng.choice(["lt", "gte", "equals"])}]
    seen = {"overlap": 0, "gap": 0, "complete": 0}
    for n in range(12):
        inputs[1]["test"] = rng.choice(["lt", "gte", "equals"])
        rows = [{"id": f"r{k}", "when": [rng.choice(["-", rng.choice(goals), rng.sample(goals, 2)]),
                                         rng.choice(["-", rng.randint(0, 160), rng.choice([0, 160, 4])])],
                 "then": {"evidence": {"coaching": 1}}} for k in range(rng.randint(2, 4))]
        for row in rows:
            if row["when"] == ["-", "-"]:  # a row of dashes is refused outside `first` (PF227)
                row["when"][0] = rng.choice(goals)
        table = {"id": "t", "hit": "unique", "complete": True, "reason": "r", "cites": ["focus"],
                 "inputs": inputs, "rows": rows}
        rules = tmp_path / f"r{n}"
        shutil.copytree(Path(__file__).parent / "fixtures" / "tiny", rules)
        (rules / "t.yaml").write_text(yaml.safe_dump({"tables": [table]}), encoding="utf-8")
        points = [(g, h / 2) for g in goals for h in range(0, 321)]
        hit = [[all(_brute_matches(c["test"], cell, v) for c, cell, v in zip(inputs, row["when"], point))
                for row in rows] for point in points]
        overlapping = {(f"t.r{i}", f"t.r{j}") for m in hit for j in range(len(rows)) for i in range(j) if m[i] and m[j]}
        problems = lint(rules).problems
        found = {re.search(r"rows (\S+) \(line \d+\) and (\S+) \(line", p.message).groups()
                 for p in problems if p.code == "PF228"}
        assert found == overlapping, (table, [p.format() for p in problems])
        assert any(p.code == "PF230" for p in problems) == (not all(any(m) for m in hit)), table
        seen["overlap"] += bool(overlapping)
        seen["gap" if not all(any(m) for m in hit) else "complete"] += 1
    assert min(seen.values()) > 0, seen  # the random tables exercised every answer
