"""Why-not reports each clause test as the policy decides it, every test of every clause it
shows: held against the policy's own first-match reading, from policy.yaml as written, on every
bundled example and every outcome the policy gives. The deciding clause's tests all hold (it
decided); a clause before it for the outcome asked about has a test that fails (else it would
have decided first); each clause shown lists its tests as written, none left out, `among` too."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

POLICY = yaml.safe_load((ROOT / "rules" / "policy.yaml").read_text(encoding="utf-8"))
CLAUSES = POLICY["decision"]
OUTCOMES = list(dict.fromkeys(c["outcome"] for c in CLAUSES))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _written(index: int) -> list[str]:
    return list(CLAUSES[index].get("when") or {})


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_why_not_reports_every_test_as_the_first_matching_clause_decides(example):
    for outcome in OUTCOMES:
        got = CliRunner().invoke(cli, ["explain", "--profile", str(example), "--why-not", outcome, "--format", "json"])
        assert got.exit_code == 0, got.output
        report = json.loads(got.stdout)
        decided = report["decided_by"]
        assert CLAUSES[decided["clause"]]["outcome"] == decided["outcome"] == report["decided"]
        assert [t["test"] for t in decided["tests"]] == _written(decided["clause"])
        assert all(t["holds"] for t in decided["tests"]), (outcome, decided)
        assert [n["clause"] for n in report["needs"]] == [i for i, c in enumerate(CLAUSES) if c["outcome"] == outcome]
        for need in report["needs"]:
            assert [t["test"] for t in need["tests"]] == _written(need["clause"])
            if need["clause"] < decided["clause"]:
                assert not all(t["holds"] for t in need["tests"]), (outcome, need)
            if need["clause"] == decided["clause"]:
                assert need["tests"] == decided["tests"]
