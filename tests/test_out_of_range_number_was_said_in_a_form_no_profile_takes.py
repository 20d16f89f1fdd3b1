"""A number out of its fact's range is said as the number it is, in a form every way in takes:
`horizon_months=0.00001` was "1e-05 is out of range", Python's exponent form, which pathfit
itself refuses in a profile (PF407), in `--fact`, a YAML or JSON profile, a CSV cell, the web
form and the interview alike. It is now said in full, 0.00001."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.figures import shown_number


@pytest.mark.parametrize("typed, said", [("0.00001", "0.00001"), ("0.0000001", "0.0000001"),
                                         ("-0.000012", "-0.000012"), ("0.5", "0.5"), ("200", "200")])
def test_every_way_in_says_the_number_out_of_range_in_full(tmp_path: Path, typed: str, said: str):
    runner = CliRunner()
    fact = runner.invoke(cli, ["recommend", "--fact", f"horizon_months={typed}"])
    assert fact.exit_code == 2
    assert f"--fact:0:0: PF404: horizon_months is from 1 to 120; {said} is out of range" in fact.stderr
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"horizon_months": json.loads(typed)}))
    as_json = runner.invoke(cli, ["recommend", "--profile", str(profile)])
    assert f"PF404: horizon_months is from 1 to 120; {said} is out of range" in as_json.stderr
    cohort = tmp_path / "c.csv"
    cohort.write_text(f"horizon_months\n{typed}\n")
    out = tmp_path / "o.jsonl"
    runner.invoke(cli, ["batch", str(cohort), "--out", str(out)])
    row = json.loads(out.read_text())
    assert row["errors"][0]["code"] == "PF404" and f"; {said} is out of range" in row["errors"][0]["message"]


def test_the_interview_says_it_in_full_too(tmp_path: Path):
    rules = tmp_path / "r"
    rules.mkdir()
    (rules / "schema.yaml").write_text("ruleset: r\nknowledge_base: kb.md\nfacts:\n  h: {type: number, min: 1, max: 2, "
                                       "question: H?}\nderived: {}\n")
    (rules / "kb.md").write_text('# KB\n\n## Goals <a id="goals"></a>\n\nText.\n')
    (rules / "rules.yaml").write_text("rules:\n  - {id: c.h, reason: H., cites: [goals], when: {fact: h, gt: 1}, "
                                      "then: {evidence: {coaching: 1}}}\n")
    (rules / "policy.yaml").write_text("evidence_outcomes: [coaching, mentoring]\nreferrals: []\nformats: {}\n"
                                       "decision:\n  - {outcome: coaching, when: {leads: coaching}, confidence: share}\n"
                                       "  - {outcome: undetermined, when: {}, confidence: balance}\n")
    out = CliRunner().invoke(cli, ["interview", "--rules", str(rules)], input="0.00001\n")
    assert "0.00001 is out of range" in out.output, out.output


def test_a_number_is_shown_in_full_whatever_its_size():
    assert [shown_number(v) for v in (1e-05, 2.5e-07, 0.1, 160.0, 1e16, 1e300, 3)] == \
        ["0.00001", "0.00000025", "0.1", "160", "1e+16", "1e+300", "3"]
