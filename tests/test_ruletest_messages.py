"""`pathfit test`'s own messages say exactly what was compared: the minimum as given, the
coverage with its counts, a referral when the policy has none; NaN is no minimum."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli


def _project(tmp_path: Path) -> Path:
    target = tmp_path / "p"
    assert CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["init", str(target)]).exit_code == 0
    return target


def _test(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["test", *args])


def _one_case(target: Path) -> None:
    """Keep only the first case of the starter's tests, so that some rules go unfired."""
    cases = (target / "tests" / "cases.yaml").read_text()
    head, _, rest = cases.partition("  - name:")
    second = rest.find("\n  - name:")
    (target / "tests" / "cases.yaml").write_text(head + "  - name:" + (rest[:second] if second > 0 else rest) + "\n")


def test_a_minimum_just_above_the_coverage_is_printed_as_given_with_the_counts(tmp_path):
    """Regression: 25.00001 against 1 of 4 rules printed 'coverage 25% is below the minimum 25%'."""
    target = _project(tmp_path)
    _one_case(target)
    ran = _test(str(target))
    fired, total = map(int, re.search(r"Coverage: (\d+) of (\d+) rules", ran.stdout).groups())
    assert fired < total
    share = fired * 100 / total
    just_above = f"{share + 0.00001:.5f}"
    below = _test(str(target), "--min-coverage", just_above)
    assert below.exit_code == 1
    assert re.search(rf":0:0: PF811: rule coverage [0-9.]+% \({fired} of {total} rules\) is below the minimum "
                     rf"{re.escape(just_above.rstrip('0'))}%", below.stdout), below.stdout
    assert _test(str(target), "--min-coverage", f"{share:.10f}").exit_code == 0


def test_nan_is_not_a_minimum(tmp_path):
    """Regression: --min-coverage nan was taken, and every coverage passed it."""
    refused = _test(str(_project(tmp_path)), "--min-coverage", "nan")
    assert refused.exit_code == 2 and "nan" in refused.stderr and "Traceback" not in refused.output


def test_a_referral_expected_of_a_policy_without_referrals_says_so(tmp_path):
    """Regression: 'referral 'x' is not one of  (or null)', the list empty."""
    target = _project(tmp_path)
    policy = (target / "policy.yaml").read_text()
    assert "referrals: []" in policy
    (target / "tests" / "more.yaml").write_text(
        "cases:\n  - name: referred\n    facts: {}\n    expect: {referral: counselling}\n")
    ran = _test(str(target))
    assert ran.exit_code == 2
    line = next(x for x in ran.stderr.splitlines() if "PF803" in x)
    assert re.match(rf"{re.escape(str(target / 'tests' / 'more.yaml'))}:4:\d+: PF803: ", line), line
    assert "one of  (or null)" not in line and "no referrals" in line


def test_a_rule_directory_followed_by_test_files_runs_them_against_its_rules(tmp_path):
    """Regression: `test DIR FILE` read DIR's schema, policy and rules as test files (PF801 on
    each) and checked the cases against the bundled rules."""
    target = _project(tmp_path)
    ran = _test(str(target), str(target / "tests" / "cases.yaml"))
    assert ran.exit_code == 0, ran.output
    assert "Coverage: 4 of 4 rules fired (100%)" in ran.stdout


def test_a_rule_directory_after_another_path_is_refused_not_read_as_tests(tmp_path):
    target = _project(tmp_path)
    refused = _test("--rules", str(target), str(target))
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [f"{target}:0:0: PF801: is a rule set, not a folder of rule tests: give it "
                                           "first, or with --rules, and its tests after it"], refused.stderr
