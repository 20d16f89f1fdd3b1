"""`pathfit test` built each case's trace with the person's missing facts and settledness given
as known (run_case: no case reads them), as two values; the trace came to take three (the tally
the decision was decided from, kept with the decision), and every case was an internal error
(ValueError: not enough values to unpack). Each case's trace is the decision's own trace."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.authoring import rule_test_run

from .helpers import ROOT

PARTIAL = {"career_stage": "mid_career", "trigger": "none"}  # rules wait: the trace's longest way


def test_the_bundled_rules_cases_run() -> None:
    result = CliRunner().invoke(cli, ["test", "--rules", str(ROOT / "rules")], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


def test_a_cases_trace_is_the_decisions_trace() -> None:
    with Engine.load() as engine:
        d = engine.evaluate(PARTIAL)
        assert d.waiting, "the person must leave rules waiting"
        alone = rule_test_run._trace_alone(d)
        assert alone == engine.evaluate(PARTIAL).trace


def test_no_case_of_a_partial_person_fails_for_its_trace(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copy(ROOT / "knowledge_base.md", tmp_path / "knowledge_base.md")
    (rules / "tests").mkdir(exist_ok=True)
    (rules / "tests" / "partial.yaml").write_text(
        "cases:\n  - name: partial\n    profile: {career_stage: mid_career, trigger: none}\n"
        "    expect: {outcome: undetermined}\n")
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), str(rules / "tests" / "partial.yaml")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
