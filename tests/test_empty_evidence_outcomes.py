"""A policy with `evidence_outcomes: []` leaves a rule's evidence nowhere to go: the
PF213 message said "evidence goes to " and stopped."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"


def test_evidence_under_a_policy_with_no_evidence_outcomes_says_so(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    policy = rules / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("evidence_outcomes:"))
    end = at + 1
    while end < len(lines) and lines[end].startswith((" ", "-")):
        end += 1  # a block list under the key
    policy.write_text("".join(lines[:at] + ["evidence_outcomes: []\n"] + lines[end:]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    found = [line for line in result.output.splitlines() if ": PF213: evidence for " in line]
    assert found, result.output
    assert all(line.endswith("evidence goes to no outcome (the policy's evidence_outcomes is empty)")
               for line in found), found
