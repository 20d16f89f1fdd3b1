"""`pathfit test`: rule test cases, readable failures, and rule coverage figures,
asserted on the tiny fixture rule set (7 rules) and on the bundled rules."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring import rule_tests as ruletest
from pathfit.engine.authoring.rule_test_run import coverage, percent, run_case

from .helpers import ROOT, tiny_copy, tiny_with_cases

CASES = """\
description: Cases for the tiny fixture.
cases:
  - name: a specific goal and a skill need is coaching
    profile: {goal: specific, needs: [skill]}
    expect:
      outcome: coaching
      formats: [external_coach]
      fired: [d.structured, e.coach]
      not_fired: [e.mentor]

  - name: networking with few hours is mentoring
    profile: {goal: emerging, hours: 1, needs: [network]}
    expect:
      outcome: mentoring
      referral: null
      formats: [peer_mentoring]
      fired: [d.broad, e.broad, e.mentor]

  - name: not ready is wrongly expected to be coaching
    profile: {ready: false, goal: specific}
    expect:
      outcome: coaching
      formats: [external_coach]
      fired: [e.coach]
      not_fired: [d.structured]
"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return tiny_with_cases(tmp_path, CASES)


def _run(rules: Path):
    with Engine.load(rules) as engine:
        cases = ruletest.load_cases(ruletest.case_files(rules, []), engine)
        results = [run_case(engine, c) for c in cases]
        return results, coverage(engine.ruleset, results)


def test_coverage_figures_on_the_tiny_rule_set(rules: Path):
    results, cov = _run(rules)
    assert [r.passed for r in results] == [True, True, False]
    fired = {c.rule: c.fired_by for c in cov}
    assert fired == {
        "d.broad": ("networking with few hours is mentoring",),
        "d.structured": ("a specific goal and a skill need is coaching", "not ready is wrongly expected to be coaching"),
        "e.broad": ("networking with few hours is mentoring",),
        "e.coach": ("a specific goal and a skill need is coaching",),
        "e.mentor": ("networking with few hours is mentoring",),
        "n.ready": ("not ready is wrongly expected to be coaching",),
        "r.training": (),
    }
    assert percent(cov) == 85.7  # 6 of 7, rounded down
    blocked = next(c for c in cov if c.rule == "r.training").blocked
    assert list(blocked) == [
        {"condition": "needs contains basics", "cases": 2, "observed": ["[network]", "[skill]"]},
        {"waiting": ["needs"], "cases": 1, "observed": []},
    ]


def test_a_failure_says_what_differs_and_why(rules: Path):
    results, _ = _run(rules)
    failed = results[2]
    assert [(m.what, m.expected, m.actual) for m in failed.mismatches] == [
        ("outcome", "coaching", "not_now"),
        ("formats", ["external_coach"], []),
        ("fired", "e.coach", None),
        ("not_fired", "d.structured", "d.structured"),
    ]
    fired = failed.mismatches[2]
    assert fired.detail == ("e.coach: waiting on unknown needs",)
    assert failed.mismatches[3].detail == ("it fired on: goal = specific",)
    assert failed.mismatches[0].detail[0] == "evidence: coaching 0, mentoring 0"


def _cli(*args: str):
    return CliRunner().invoke(cli, ["test", *args], catch_exceptions=False)


def test_cli_reports_failures_and_coverage(rules: Path):
    result = _cli("--rules", str(rules))
    assert result.exit_code == 1
    out = result.stdout
    assert f"{rules}/tests/cases.yaml:19:5: PF810: case 'not ready is wrongly expected to be coaching' failed\n" \
           "    outcome: expected coaching, got not_now\n" in out
    assert "    fired: expected e.coach to fire; it did not\n      e.coach: waiting on unknown needs\n" in out
    assert "    formats: expected [external_coach], got []\n      missing: external_coach\n" in out
    assert f"{rules}/rules.yaml:32:5: PF812: warning: rule 'r.training' was fired by no case\n" \
           "    needs contains basics: failed in 2 cases (observed [network]; [skill])\n" \
           "    waiting on unknown needs in 1 case\n" in out
    assert "3 cases: 2 passed, 1 failed; outcomes: coaching 1, mentoring 1, not_now 1\n" in out
    assert out.endswith("Coverage: 6 of 7 rules fired (85.7%)\n")


def test_min_coverage_and_selection(rules: Path):
    passing = ("-k", "a specific goal")  # one case: d.structured and e.coach fire, 2 of 7
    assert _cli("--rules", str(rules), *passing).exit_code == 0
    low = _cli("--rules", str(rules), *passing, "--min-coverage", "50")
    assert low.exit_code == 1
    assert f"{rules}:0:0: PF811: rule coverage 28.5% (2 of 7 rules) is below the minimum 50%" in low.stdout
    # 2/7 is 28.57%: shown rounded down, compared exactly
    assert _cli("--rules", str(rules), *passing, "--min-coverage", "28.5").exit_code == 0
    assert _cli("--rules", str(rules), *passing, "--min-coverage", "28.6").exit_code == 1
    assert _cli("--rules", str(rules), "-k", "no such case").exit_code == 2


def test_json_output(rules: Path):
    result = _cli("--rules", str(rules), "--format", "json", "--min-coverage", "90")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"] == {"total": 3, "passed": 2, "failed": 1}
    assert data["coverage"]["percent"] == 85.7 and data["coverage"]["below_minimum"] is True
    assert data["cases"][2]["mismatches"][0] == {"what": "outcome", "expected": "coaching", "actual": "not_now",
                                                 "detail": ["evidence: coaching 0, mentoring 0",
                                                                            "fired: d.structured, n.ready"]}
    assert [r["rule"] for r in data["coverage"]["per_rule"] if not r["fired_by"]] == ["r.training"]


def test_explicit_paths(rules: Path, tmp_path: Path):
    other = tmp_path / "more.yaml"
    other.write_text("cases:\n  - name: basics\n    profile: {needs: [basics]}\n    expect: {outcome: refer, "
                     "referral: training, fired: [r.training]}\n")
    result = _cli("--rules", str(rules), str(other))
    assert result.exit_code == 0 and "Coverage: 1 of 7 rules fired (14.2%)" in result.stdout
    both = _cli("--rules", str(rules), str(other), str(rules / "tests"))
    assert "4 cases: 3 passed, 1 failed" in both.stdout


@pytest.mark.parametrize("text,code,line,col", [
    ("cases:\n  - name: x\n    profile: {goal: specifc}\n    expect: {outcome: coaching}\n", "PF403", 3, 21),
    ("cases:\n  - name: x\n    profile: {goals: specific}\n    expect: {outcome: coaching}\n", "PF401", 3, 15),
    ("cases:\n  - name: x\n    profile: {}\n    expect: {outcome: coaching, fired: [e.coch]}\n", "PF802", 4, 41),
    ("cases:\n  - name: x\n    profile: {}\n    expect: {outcome: coachin}\n", "PF803", 4, 23),
    ("cases:\n  - name: x\n    profile: {}\n    expect: {outcome: refer, referral: counseling}\n", "PF803", 4, 40),
    ("cases:\n  - name: x\n    profile: {}\n    expect: {outcome: coaching, formats: [team]}\n", "PF803", 4, 43),
    ("cases:\n  - name: x\n    profile: {}\n    expect: {outcome: coaching}\n  - name: x\n    profile: {}\n"
     "    expect: {outcome: coaching}\n", "PF804", 5, 5),
    ("cases:\n  - name: x\n    profile: {}\n    expect: {outcome: coaching}\n    extra: 1\n", "PF801", 5, 5),
    ("cases:\n  - name: x\n    expect: {outcome: coaching}\n", "PF801", 2, 5),
    ("cases: {}\n", "PF801", 1, 8),
    ("- 1\n", "PF801", 1, 1),
    ("# a file that is one plain value, or a list, is located where it is written\nhello\n", "PF801", 2, 1),
    ("\n\n  [1]\n", "PF801", 3, 3),
    ("cases:\n  - name: x \u2029\n    profile: {}\n    expect: {outcome: coachin}\n", "PF101", 2, 13),
    ("cases: [\n", "PF102", 2, 1),
    ("cases: []\n", "PF805", 0, 0),
    ("cases:\n  - name: x\n    profile: {}\n    expect: {outcome: coaching, fired: [e.coach], not_fired: [e.coach]}\n",
     "PF801", 4, 62),
])
def test_bad_test_files_are_located(tmp_path: Path, text: str, code: str, line: int, col: int):
    rules, problems = _case_file_problems(tmp_path, text)
    problem = problems[0]
    assert (problem.code, problem.pos.line, problem.pos.col) == (code, line, col), problem.format()
    result = _cli("--rules", str(rules))
    assert result.exit_code == 2 and code in result.stderr


def _case_file_problems(tmp_path: Path, text: str) -> tuple[Path, list]:
    """(the rules, the problems of a test file holding `text`) on a copy of the tiny rules."""
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "bad.yaml").write_text(text)
    with Engine.load(rules) as engine:
        with pytest.raises(PathfitError) as info:
            ruletest.load_cases(ruletest.case_files(rules, []), engine)
    return rules, info.value.problems


def test_no_test_directory_is_bad_input(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    result = _cli("--rules", str(rules))
    assert result.exit_code == 2
    assert result.stderr == f"{rules}/tests:0:0: PF805: no rule test cases found in {rules}/tests\n"


def test_bundled_rules_ship_cases_that_fire_every_rule():
    result = _cli("--min-coverage", "100")
    assert result.exit_code == 0, result.stdout
    assert "failed" in result.stdout and ", 0 failed;" in result.stdout
    with Engine.load() as engine:
        assert f"Coverage: {len(engine.ruleset.rules)} of {len(engine.ruleset.rules)} rules fired (100%)" in result.stdout
    assert (ROOT / "rules" / "tests").is_dir()


def test_k_on_one_case_warns_about_no_other_rule_and_says_its_coverage_is_the_selection(rules: Path):
    """`pathfit test -k NAME` printed a PF812 'fired by no case' warning for every rule the
    one selected case does not fire, as if the suite left them untested."""
    out = _cli("--rules", str(rules), "-k", "a specific goal").stdout
    assert "PF812" not in out
    assert out.endswith("Coverage of the selected cases only (-k 'a specific goal' ran 1 of 3 cases; "
                        "run without -k for the suite's): 2 of 7 rules fired (28.5%)\n")
    low = _cli("--rules", str(rules), "-k", "a specific goal", "--min-coverage", "50").stdout
    assert "PF811: rule coverage 28.5% (2 of 7 rules) is below the minimum 50% (the selected cases only)" in low
    data = json.loads(_cli("--rules", str(rules), "-k", "a specific goal", "--format", "json").stdout)
    assert data["coverage"]["selected_cases_only"] is True
    whole = _cli("--rules", str(rules))
    assert "PF812" in whole.stdout and "Coverage: 6 of 7 rules fired" in whole.stdout
    assert json.loads(_cli("--rules", str(rules), "--format", "json").stdout)["coverage"]["selected_cases_only"] is False


@pytest.mark.parametrize("text", [
    "cases:\n  - name: dup\n    profile: {}\n    expect: {outcome: coachin}\n"
    "  - name: dup\n    profile: {}\n    expect: {outcome: coaching}\n",
    "cases:\n  - name: dup\n    profile: {}\n    expect: {outcome: coaching}\n"
    "  - name: dup\n    profile: {goal: specifc}\n    expect: {outcome: coaching}\n",
], ids=["first copy invalid", "later copy invalid"])
def test_a_duplicate_case_name_is_reported_beside_the_other_problems_of_either_copy(tmp_path: Path, text: str):
    _, problems = _case_file_problems(tmp_path, text)
    found = sorted((p.code, p.pos.line, p.pos.col) for p in problems)
    assert ("PF804", 5, 5) in found and len(found) == 2, [p.format() for p in problems]


def test_a_key_written_twice_in_a_rule_test_file_is_reported_with_its_other_problems(tmp_path: Path):
    """Regression: a rule test file with a key written twice got PF105 alone; its cases' own
    problems were reported only once the repeat was fixed."""
    text = ("cases:\n  - name: x\n    profile: {goal: specific}\n    expect: {outcome: coachin}\n"
            "    name: y\n")
    rules, problems = _case_file_problems(tmp_path, text)
    assert sorted((p.code, p.pos.line, p.pos.col) for p in problems) == [("PF105", 5, 5), ("PF803", 4, 23)], \
        [p.format() for p in problems]
    result = _cli("--rules", str(rules))
    assert result.exit_code == 2 and [line.split(": ")[1] for line in result.stderr.splitlines()] == ["PF803", "PF105"]
