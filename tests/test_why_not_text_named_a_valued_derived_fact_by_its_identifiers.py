"""Regression: HR staff's text named one value of a valued derived fact by the identifiers the
rules use and a stray yes, `pace is fast: how fast the engagement should move: yes`, where every
other fact is named by its question, label or description and every value by its words. It is
now the fact's description and the value, `how fast the engagement should move: Fast`, and
`not (...: Slow)` for a rule that needs the value not to be set."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

HERE = Path(__file__).parent
PERSON = ["--fact", "hours=1", "--fact", "goal=specific", "--fact", "ready=false"]


def _valued(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "valued", rules)
    with (rules / "rules.yaml").open("a") as out:
        out.write("  - id: e.not_slow\n    reason: Any pace but slow points to coaching.\n    cites: [focus]\n"
                  "    when: {not: {fact: pace, equals: slow}}\n    then: {evidence: {coaching: 1}}\n")
    return rules


def test_why_not_names_a_value_of_a_derived_fact_by_its_description_and_the_value(tmp_path):
    args = ["explain", "--rules", str(_valued(tmp_path)), *PERSON, "--why-not", "coaching"]
    result = CliRunner().invoke(cli, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    needs = [line.strip() for line in result.output.splitlines() if line.strip().startswith("needs")]
    assert "needs one of: how fast the engagement should move: Fast; or how fast the engagement should move: " \
           "Steady" in needs, result.output
    assert "needs: not (how fast the engagement should move: Slow)" in needs, result.output
    for shown in ("pace is", "pace=", ": yes", ": no\n", ": no;"):
        assert shown not in result.output, (shown, result.output)
