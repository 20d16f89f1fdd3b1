"""`pathfit test` when the engine refuses a case's person while deciding (PF231: two
values set for a valued derived fact): that case fails (PF810) with the engine's located
reason, every other case still runs, and coverage says it counts the decided cases only,
since which rules fired before the refusal is not known."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import UNREADY_SLOW, VALUED

CASES = """cases:
  - name: not ready with a few hours
    profile: {hours: 3, ready: false}
    expect: {outcome: mentoring}
  - name: hardly any hours set a slow pace
    profile: {hours: 1}
    expect: {outcome: mentoring, derived: {pace: slow}, fired: [e.slow, e.mentor]}
"""


def _rules(tmp_path: Path) -> Path:
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    with open(rules / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(UNREADY_SLOW)
    (rules / "tests" / "pace.yaml").write_text(CASES, encoding="utf-8")
    return rules


def test_a_refused_case_fails_with_the_reason_and_the_others_run(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    result = CliRunner().invoke(cli, ["test", str(rules)], catch_exceptions=False)
    out = result.output
    assert result.exit_code == 1, out
    assert "internal error" not in out and "Traceback" not in out
    assert f"{rules}/tests/pace.yaml:2:5: PF810: case 'not ready with a few hours' failed\n" \
           "    refused: expected mentoring; the engine refused this person\n" \
           f"      {rules}/rules.yaml:12:5: PF231: " in out
    assert "2 cases: 1 passed, 1 failed; outcomes: mentoring 1; refused by the engine: 1\n" in out
    assert "Coverage of the cases the engine decided (1 case refused, not counted): " in out
    assert "was fired by no case the engine decided (1 case refused, not counted)" in out
    assert "was fired by no case\n" not in out


def test_a_refused_case_in_json(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    result = CliRunner().invoke(cli, ["test", str(rules), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    refused, ok = report["cases"]
    assert (refused["status"], refused["outcome"], ok["status"]) == ("failed", None, "passed")
    [mismatch] = refused["mismatches"]
    assert mismatch["what"] == "refused" and mismatch["detail"][0].startswith(f"{rules}/rules.yaml:12:5: PF231: ")
    assert report["coverage"]["refused_cases_not_counted"] == 1
