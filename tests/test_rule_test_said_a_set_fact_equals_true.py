"""A rule test's `not_fired` failure says what the rule fired on, and said it wrongly of a set
fact: a rule firing on `needs contains skill` was said to have fired on `needs = true`, one
on `needs is: known` on `needs = unknown` (it was known). Each matched fact is now said as
`explain` says it: `needs contains skill`, `needs is known`, `ready is unknown`."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import simple_rule, tiny_copy

CASES = """\
cases:
  - name: a skill need
    profile: {goal: specific, needs: [skill]}
    expect: {outcome: coaching, not_fired: [e.coach, x.known, x.unknown]}
"""


def test_a_not_fired_failure_says_each_matched_fact_as_it_was_tested(tmp_path):
    rules = tiny_copy(tmp_path, [simple_rule("x.known", {"fact": "needs", "is": "known"}),
                                 simple_rule("x.unknown", {"fact": "ready", "is": "unknown"})])
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(CASES)
    result = CliRunner().invoke(cli, ["test", str(rules), "--format", "json"])
    assert result.exit_code == 1, result.output
    case, = json.loads(result.stdout)["cases"]
    said = {m["expected"]: m["detail"] for m in case["mismatches"] if m["what"] == "not_fired"}
    assert said == {"e.coach": ["it fired on: structured = true, needs contains skill"],
                    "x.known": ["it fired on: needs is known"], "x.unknown": ["it fired on: ready is unknown"]}
