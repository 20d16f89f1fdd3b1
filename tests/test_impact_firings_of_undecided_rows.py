"""`impact` compares which rules fired only for a profile both versions decided. A profile the
engine refused under one version (PF231: two values for a valued derived fact), or that is
invalid there (PF401: a fact only one version has), has no known firings on that side: it was
shown as firing nothing there, so every rule of the other side "now fires" or "no longer
fires" and was counted as a change in the rule table. Such a profile keeps its decision change
and is left out of the firing diff and the per-rule counts, which say how many were left out."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.authoring.impact import compare

from .helpers import UNREADY_SLOW, VALUED, tiny_with_and_without_secret

DECIDED = {"id": "ok", "hours": 9, "ready": True}  # p.fast under both versions
CLASH = {"id": "clash", "hours": 3, "ready": False}  # p.steady and p.unready: PF231 where both exist


@pytest.fixture
def conflicting(tmp_path: Path) -> Path:
    rules = tmp_path / "conflicting"
    shutil.copytree(VALUED, rules)
    with open(rules / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(UNREADY_SLOW)
    return rules


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (DECIDED, CLASH)))
    return path


def test_a_row_refused_under_the_base_has_no_firing_diff_and_is_not_counted(conflicting, corpus):
    with Engine.load(conflicting) as before, Engine.load(VALUED) as after:
        report = compare(before, after, corpus)
        changes = report.rule_changes(before.ruleset.rules, after.ruleset.rules)
    ok, clash = report.rows
    assert (clash.before.label, clash.after.label) == ("refused (PF231)", "mentoring")
    assert clash.before.fired is None and sorted(clash.after.fired) == ["e.mentor", "p.steady"]
    assert (clash.now_fired, clash.no_longer_fired) == (None, None)
    assert ok.now_fired == [] and ok.no_longer_fired == []
    assert report.undecided() == (1, 0)
    # only the removed rule is listed: nothing fired differently on the one row both decided
    assert changes == [{"rule": "p.unready", "status": "removed", "before": 0, "after": 0, "profiles_changed": 0}]


def test_the_text_report_claims_no_firing_for_the_refused_side(conflicting, corpus):
    result = CliRunner().invoke(cli, ["impact", "--base", str(conflicting), "--rules", str(VALUED),
                                      "--profiles", str(corpus)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "  row 2, id clash (line 2): refused (PF231) -> mentoring\n" in out
    assert "now fires" not in out and "no longer fires" not in out and "formats:" not in out
    assert "(firings over the 1 profile both versions decided; not counted: 1 refused under the base):\n" in out
    assert "  p.unready (removed)       0       0       0\n" in out
    assert "e.mentor" not in out and "\n  p.steady " not in out


def test_the_json_report_says_what_was_not_counted(conflicting, corpus):
    result = CliRunner().invoke(cli, ["impact", "--base", str(conflicting), "--rules", str(VALUED),
                                      "--profiles", str(corpus), "--format", "json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    clash, = data["decision_changed"]
    assert clash["before"]["fired"] is None and clash["before"]["formats"] is None
    assert sorted(clash["after"]["fired"]) == ["e.mentor", "p.steady"]
    assert (clash["now_fired"], clash["no_longer_fired"]) == (None, None)
    assert (data["firings_over"], data["invalid_before"], data["invalid_after"]) == (1, 1, 0)
    assert [c["rule"] for c in data["rules_changed"]] == ["p.unready"]


def test_a_row_invalid_under_the_new_version_claims_no_rule_stopped_firing(tmp_path):
    base, new = tiny_with_and_without_secret(tmp_path)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s", "secret": true, "needs": ["basics"]}\n{"id": "t", "needs": ["basics"]}\n')
    with Engine.load(base) as before, Engine.load(new) as after:
        report = compare(before, after, corpus)
        changes = report.rule_changes(before.ruleset.rules, after.ruleset.rules)
    s, t = report.rows
    assert (s.after.label, s.after.fired, s.no_longer_fired) == ("invalid (PF401)", None, None)
    assert s.before.fired and not t.changed
    assert report.undecided() == (0, 1)
    assert changes == []
    result = CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "  row 1, id s (line 1): refer (training) -> invalid (PF401)" in result.stdout
    assert "no longer fires" not in result.stdout and "Rules changed" not in result.stdout


def test_a_row_refused_under_both_versions_is_a_row_not_bad_input(conflicting, corpus, tmp_path):
    """Two rules that clash for a person under both versions are the rules' fault, not the
    corpus's: `impact` said the corpus was bad input (exit 2, nothing compared) and named the
    valid person's row as the problem to fix."""
    also = tmp_path / "also-conflicting"
    shutil.copytree(conflicting, also)
    with open(also / "rules.yaml", "a", encoding="utf-8") as f:
        f.write("  - id: e.extra\n    reason: r\n    cites: [focus]\n    when: {fact: hours, gt: 100}\n"
                "    then: {evidence: {mentoring: 1}}\n")
    with Engine.load(conflicting) as before, Engine.load(also) as after:
        report = compare(before, after, corpus)
    ok, clash = report.rows
    assert (clash.before.label, clash.after.label) == ("refused (PF231)", "refused (PF231)")
    assert not clash.decision_changed and (clash.now_fired, clash.no_longer_fired) == (None, None)
    assert (report.undecided(), report.decided()) == ((1, 1), 1)
    result = CliRunner().invoke(cli, ["impact", "--base", str(conflicting), "--rules", str(also),
                                      "--profiles", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["firings_over"], data["invalid_before"], data["invalid_after"]) == (1, 1, 1)
    assert {"decision": "refused (PF231)", "before": 1, "after": 1} in data["counts"]
    text = CliRunner().invoke(cli, ["impact", "--base", str(conflicting), "--rules", str(also), "--profiles",
                                    str(corpus)]).stdout
    assert "not counted: 1 refused under both)" in text  # one profile, counted once
