"""The lint registry: every PF7xx code belongs to a registered check whose severity is the
one lint reports, the skipped list and `pathfit lint --list-checks`/`--explain` come from
it, docs/authoring.md's code table agrees with it, and `pathfit recommend` never loads it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.lint import rules as lint_rules
from pathfit.engine.authoring.lint.registry import CHECKS, PARSED, SCOPES, VALID, Check, code_span
from pathfit.engine.authoring.lint.run import lint
from pathfit.engine.errors import CODES

from .helpers import ROOT
from .test_lint import CASES, CASES_DIR, build

BASE_RULES = len(yaml.safe_load((CASES_DIR / "base" / "rules.yaml").read_text())["rules"])
# PF713 (a clause that never decides) has two causes with different needs: clause order reads
# the policy alone, `concluded` with no rule able to conclude reads every rule.
SHARED = {"PF713": {"unproduced-policy", "clause-order"}}
BROKEN = {"files": {"bad.yaml": "rules:\n  - {id: x.a, reason: r, cites: [focus], when: {fact: nope, equals: true},"
                                " then: {not_now: true}}\n"}}


def _owners(code: str) -> set[str]:
    return {c.name for c in CHECKS if code in c.codes}


def test_checks_are_well_formed():
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    for check in CHECKS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.name), check.name
        assert check.scope in SCOPES and check.summary and "\n" not in check.summary
        assert check.codes and set(check.codes) <= set(CODES), (check.name, set(check.codes) - set(CODES))
        assert set(check.codes.values()) <= {"error", "warning"}
        assert callable(check.function)


def test_every_lint_code_belongs_to_exactly_one_check():
    lint_codes = {code for code in CODES if code.startswith("PF7") and code != "PF799"}
    owned = {code for c in CHECKS for code in c.codes if code.startswith("PF7")}
    assert owned == lint_codes, (sorted(lint_codes - owned), sorted(owned - lint_codes))
    for code in sorted(lint_codes):
        owners = _owners(code)
        assert owners == SHARED[code] if code in SHARED else len(owners) == 1, (code, owners)
    assert "PF799" not in {code for c in CHECKS for code in c.codes}, "PF799 is the guard's own"


def test_a_shared_code_has_one_severity():
    for code in SHARED:
        assert len({c.codes[code] for c in CHECKS if code in c.codes}) == 1


@pytest.mark.parametrize("case", CASES, ids=[f"{c['code']}:{c['name']}" for c in CASES])
def test_reported_codes_and_severities_are_the_registry(case: dict, tmp_path: Path):
    report = lint(build(case, tmp_path))
    declared = {code: sev for c in CHECKS for code, sev in c.codes.items()}
    for p in report.problems:
        if p.code.startswith("PF7"):
            assert p.code in declared, p
        if p.code in declared:
            assert p.severity == declared[p.code], p


def test_code_span():
    assert code_span(["PF708", "PF706", "PF707"]) == "PF706-PF708"
    assert code_span(["PF704", "PF705"]) == "PF704, PF705"
    assert code_span(["PF710"]) == "PF710"
    assert code_span(["PF701", "PF702", "PF703", "PF714"]) == "PF701, PF702, PF703, PF714"


def test_skipped_lists_the_checks_that_need_a_valid_rule_set(tmp_path: Path):
    report = lint(build(BROKEN, tmp_path))
    assert report.skipped == (
        "rules that can never fire because of what other rules derive (PF704, PF705)",
        "rules that fire only where another fires and add nothing to it (PF720)",
        "facts no rule reads or derives (PF706-PF708)",
        "knowledge-base sections no rule cites (PF710)",
        "knowledge-base headings whose anchor makes no section (PF717)",
        "policy entries no rule produces (PF712, PF713)",
        "rules that can both fire and set a valued derived fact to different values (PF232)",
    )  # capacity runs on the rules that validate: a limit they cross, the whole set crosses
    assert len(report.skipped) == len([c for c in CHECKS if c.scope == VALID])
    assert lint(CASES_DIR / "base").skipped == ()


def _spy(name: str, scope: str, calls: list, code: str = "PF710") -> Check:
    def function(ctx, out):
        calls.append((name, ctx.valid, len(ctx.rules)))
        out.add(code, f"{name} ran", ctx.rules[0].pos if ctx.rules else None, "warning")
    return Check(name, {code: "warning"}, f"{name} spy", scope, function)


def test_lint_runs_the_checks_it_is_given_within_their_scope(tmp_path: Path):
    calls: list = []
    checks = (_spy("local", PARSED, calls), _spy("whole", VALID, calls))
    report = lint(build(BROKEN, tmp_path), checks)
    assert calls == [("local", False, BASE_RULES)]  # bad.yaml's rule names an unknown fact: left out
    assert report.skipped == ("whole spy (PF710)",)
    assert [p.message for p in report.problems if p.code == "PF710"] == ["local ran"]
    calls.clear()
    report = lint(CASES_DIR / "base", checks)
    assert calls == [("local", True, BASE_RULES), ("whole", True, BASE_RULES)] and report.skipped == ()


def test_a_failing_check_is_a_pf799_naming_it_and_the_others_still_run(tmp_path: Path):
    def explode(ctx, out):
        raise ValueError("boom")

    calls: list = []
    checks = (Check("exploder", {"PF710": "warning"}, "fails", PARSED, explode), _spy("after", PARSED, calls))
    report = lint(CASES_DIR / "base", checks)
    assert [(p.code, p.severity, p.message, Path(p.pos.file).name) for p in report.problems] == [
        ("PF799", "error", "exploder failed: ValueError: boom", "base"),  # located at the directory
        ("PF710", "warning", "after ran", "rules.yaml")]


def test_a_failing_analysis_is_reported_once(monkeypatch):
    def broken(*args):
        raise ValueError("no analysis")

    monkeypatch.setattr(lint_rules, "Analysis", broken)
    report = lint(CASES_DIR / "base")
    pf799 = [p.message for p in report.problems if p.code == "PF799"]
    assert pf799 == ["never-fires failed: ValueError: no analysis"]


# -- the command and the docs -------------------------------------------------------------

def _run(*args: str):
    return CliRunner().invoke(cli, ["lint", *args], catch_exceptions=False)


def test_list_checks_prints_the_registry(tmp_path: Path):
    result = _run("--list-checks", "--rules", str(tmp_path / "nowhere"))  # needs no rule set
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [l.split(":")[0] for l in lines if not l.startswith(" ")] == [c.name for c in CHECKS]
    for check in CHECKS:
        for code, severity in check.codes.items():
            assert f"  {code}  {severity:<7}  {CODES[code]}" in lines


def test_explain_names_the_checks_that_report_a_code():
    result = _run("--explain", "pf713")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"PF713: {CODES['PF713']}"
    assert "unproduced-policy" in result.stdout and "clause-order" in result.stdout
    assert _run("--explain", "PF205").stdout == f"PF205: {CODES['PF205']}\n"
    bad = _run("--explain", "PF000")
    assert bad.exit_code == 2 and "not a pathfit error code" in bad.stderr


def _docs_table() -> dict[str, str]:
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = text.split("## `pathfit lint`", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| (PF\d{3}) \| (error|warning) \|", section, re.M))


def test_docs_code_table_matches_the_registry():
    declared = {code: sev for c in CHECKS for code, sev in c.codes.items()
                if code.startswith("PF7") or "PF225" <= code <= "PF234"}  # lint's own codes, decision tables' too
    assert _docs_table() == {**declared, "PF799": "error"}


def test_recommend_does_not_import_lint():
    profile = ROOT / "examples" / "ceo-wants-sounding-board.yaml"
    script = ("import sys\n"
              "from click.testing import CliRunner\n"
              "from pathfit.cli.main import cli\n"
              f"result = CliRunner().invoke(cli, ['recommend', '--profile', {str(profile)!r}])\n"
              "assert result.exit_code == 0, result.output\n"
              "print(sorted(m for m in sys.modules if '.authoring' in m))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ), check=True)
    assert out.stdout.strip() == "[]", out.stdout
