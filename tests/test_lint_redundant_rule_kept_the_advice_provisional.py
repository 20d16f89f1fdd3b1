"""PF720 said a rule was redundant ("without it every derived fact, score, outcome, referral
and format is the same") where the rule was what kept a decision provisional: a rule the
policy reads (a referral, not now, or a derived fact) that tests whether an input is known,
in its own condition or beneath a derived fact it reads, leaves a decision unsettled while
that input is unanswered (docs/decision.md: such a test turns over when answered), and the
decision is shown as provisional, with no confidence figure and the input as an open
question. Removed, the decision was settled, with its confidence: `recommend` printed
something else. Such a rule is not called redundant; one that only suggests a format, which
no decision waits on, still is. Codes and positions, on the lint test base."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.lint.run import lint

from .test_lint import build

WIDE = "  - id: z.wide\n    reason: r\n    cites: [focus]\n    when: {fact: hours, gte: 3}\n    then: {refer: training}\n"


def _narrow(when: str, then: str = "{refer: training}") -> str:
    return f"  - id: z.narrow\n    reason: r\n    cites: [focus]\n    when: {when}\n    then: {then}\n"


def _rules(tmp: Path, extra: str) -> Path:
    base = (Path(__file__).parent / "lint_cases" / "base" / "rules.yaml").read_text(encoding="utf-8")
    return build({"files": {"rules.yaml": base + WIDE + extra}}, tmp)


def _pf720(directory: Path) -> list[tuple]:
    return [(p.code, p.pos.line, p.pos.col) for p in lint(directory).problems if p.code == "PF720"]


def _settled(directory: Path) -> tuple:
    out = CliRunner().invoke(cli, ["recommend", "--rules", str(directory), "--fact", "hours=6", "--fact", "needs=skill",
                                   "--format", "json"])
    assert out.exit_code == 0, out.output
    decision = json.loads(out.output)
    return decision["settled"], decision["missing"]


def test_a_referral_testing_whether_an_input_is_known_is_not_called_redundant(tmp_path: Path):
    rules = _rules(tmp_path / "with", _narrow("{all: [{fact: hours, gte: 5}, {fact: ready, is: unknown}]}"))
    without = tmp_path / "without" / "rules"
    shutil.copytree(rules, without)
    (without / "rules.yaml").write_text((rules / "rules.yaml").read_text(encoding="utf-8").split("  - id: z.narrow")[0],
                                        encoding="utf-8")
    assert (_settled(rules), _settled(without)) == ((False, ["ready"]), (True, []))  # the rule is what keeps it open
    assert _pf720(rules) == []


def test_a_test_of_being_known_beneath_a_derived_fact_it_reads_counts_too(tmp_path: Path):
    unsure = "  - id: z.unsure\n    reason: r\n    cites: [focus]\n    when: {fact: ready, is: unknown}\n" \
             "    then: {derive: [broad]}\n"
    assert _pf720(_rules(tmp_path, _narrow("{all: [{fact: hours, gte: 5}, {fact: broad, equals: true}]}") + unsure)) == []


def test_a_rule_only_suggesting_a_format_is_still_called_redundant(tmp_path: Path):
    """No decision waits on a suggestion (docs/decision.md's cone holds no such rule)."""
    wide = WIDE.replace("{refer: training}", "{suggest: [external_coach]}")
    narrow = _narrow("{all: [{fact: hours, gte: 5}, {fact: ready, is: unknown}]}", "{suggest: [external_coach]}")
    base = (Path(__file__).parent / "lint_cases" / "base" / "rules.yaml").read_text(encoding="utf-8")
    assert _pf720(build({"files": {"rules.yaml": base + wide + narrow}}, tmp_path)) == [("PF720", 42, 5)]
