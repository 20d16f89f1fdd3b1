"""Every command finds its rule set the same way (cli/common.find_rules):
--rules, then $PATHFIT_RULES, then ./rules holding a schema.yaml, then the
bundled rules; so an author's edits in ./rules are never silently ignored."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
MISSPELLED = """
  - id: mentoring.misspelled
    reason: A rule an author just added, with a misspelled fact.
    cites: [focus]
    when: {fact: carer_focus, equals: true}
    then: {evidence: {mentoring: 1}}
"""


def _copy(where: Path) -> Path:
    """A checkout-shaped rule project: rules/ and the knowledge base beside it."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(bundled_rules_dir(), where / "rules")
    shutil.copy(ROOT / "knowledge_base.md", where / "knowledge_base.md")
    return where / "rules"


def _run(*args, env=None):
    return CliRunner(env={"PATHFIT_RULES": None, **(env or {})}).invoke(cli, list(args))


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    rules = _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    return rules


def test_lint_and_test_see_an_edit_in_dot_rules_without_rules_option(checkout):
    with open(checkout / "mentoring.yaml", "a", encoding="utf-8") as f:
        f.write(MISSPELLED)
    lint = _run("lint", "--strict")
    assert lint.exit_code == 1
    assert "rules/mentoring.yaml:" in lint.stdout and "carer_focus" in lint.stdout
    assert "rules: rules/\n" in lint.stderr
    test = _run("test")
    assert test.exit_code == 2
    assert "rules/mentoring.yaml:" in test.stderr and "carer_focus" in test.stderr


def test_recommend_reads_dot_rules_and_names_it_on_stderr_only(checkout):
    text = checkout / "coaching.yaml"
    text.write_text(text.read_text(encoding="utf-8").replace("reason: ", "reason: Edited. ", 1), encoding="utf-8")
    expected = read_ruleset(checkout).digest
    assert expected != read_ruleset(bundled_rules_dir()).digest
    out = _run("recommend", "--profile", EXAMPLE, "--format", "json")
    assert out.exit_code == 0 and out.stderr == ""  # JSON output is not cluttered
    assert "coaching.performance_focus" in json.dumps(json.loads(out.stdout)["contributions"])
    text_out = _run("recommend", "--profile", EXAMPLE)
    assert "Edited. Coaching is built" in text_out.stdout  # the edited reason is what the decision reports
    assert text_out.stderr == f"rules: rules/ (pathfit-default {expected[:12]})\n"
    assert "rules:" not in text_out.stdout


def test_pathfit_rules_wins_over_dot_rules_and_rules_option_wins_over_both(checkout, tmp_path):
    other = _copy(tmp_path / "other")
    for where, name in ((other, "from-env"), (checkout, "from-dot-rules")):
        schema = where / "schema.yaml"
        schema.write_text(schema.read_text(encoding="utf-8").replace("ruleset: pathfit-default", f"ruleset: {name}"),
                          encoding="utf-8")
    env = {"PATHFIT_RULES": str(other)}
    assert _run("recommend", "--profile", EXAMPLE).stderr.startswith("rules: rules/ (from-dot-rules ")
    assert _run("recommend", "--profile", EXAMPLE, env=env).stderr.startswith("rules: other/rules/ (from-env ")
    # --rules names the set itself: nothing announced, and the named set is read
    by_option = _run("rules", "show", "judge.relationship_fit", "--rules", str(tmp_path / "other" / "rules"), env=env)
    assert by_option.stderr == "" and by_option.exit_code == 0
    with open(checkout / "judgements.yaml", "a", encoding="utf-8") as f:
        f.write(MISSPELLED)  # ./rules broken: neither PATHFIT_RULES nor --rules reads it
    assert _run("lint", env=env).exit_code == 0
    assert _run("lint", "--rules", str(other)).exit_code == 0
    assert _run("lint").exit_code == 1


def test_rules_show_names_the_file_relative_to_the_rule_sets_parent(checkout, tmp_path):
    shown = _run("rules", "show", "judge.relationship_fit", env={"PATHFIT_RULES": str(checkout.resolve())})
    first = shown.stdout.splitlines()[0]
    assert first.startswith("judge.relationship_fit  (rules/judgements.yaml:") and str(tmp_path) not in shown.stdout


def test_without_dot_rules_the_bundled_rules_are_used_silently(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = _run("recommend", "--profile", EXAMPLE)
    assert out.exit_code == 0 and out.stderr == ""


def test_a_dot_rules_without_a_schema_is_not_a_rule_set_and_the_bundled_rules_are_used(tmp_path, monkeypatch):
    """./rules is the rule set only where it holds a schema.yaml: a folder of that name holding
    anything else (notes, a YAML file of other use) is passed over silently, the advice the
    bundled rules give. The test above has no ./rules at all, so a ./rules taken for being a
    folder passed it."""
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    monkeypatch.chdir(tmp_path)
    bundled = _run("recommend", "--profile", EXAMPLE)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "notes.txt").write_text("not a rule set\n")
    (tmp_path / "rules" / "coaching.yaml").write_text("rules: []\n")
    out = _run("recommend", "--profile", EXAMPLE)
    assert out.exit_code == 0 and out.stderr == "", out.output
    assert out.stdout == bundled.stdout


def test_an_unedited_checkout_rules_folder_is_the_bundled_set_and_is_not_announced(checkout):
    """From a checkout with pathfit installed (what CI does), ./rules is byte for byte the
    installed copy: nothing to announce, so stderr stays as HR staff know it."""
    result = _run("recommend", "--fact", "needs=performance")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    (checkout / "coaching.yaml").write_text((checkout / "coaching.yaml").read_text() + "\n")
    edited = _run("recommend", "--fact", "needs=performance")
    assert edited.stderr.startswith("rules: rules/ (")


def test_rules_show_docs_and_report_name_rule_files_relative_to_the_rule_set(tmp_path, monkeypatch):
    """From a folder without ./rules (the bundled rules, which an installed pathfit keeps in
    site-packages): no rule file, knowledge-base link or page names a path into the
    installation. `pathfit docs` linked the knowledge base as ../../<install>/knowledge_base.md."""
    monkeypatch.chdir(tmp_path)
    install = str(Path(bundled_rules_dir()).parent)
    shown = _run("rules", "show", "coaching.structured_fit")
    assert shown.exit_code == 0 and "coaching.structured_fit  (rules/coaching.yaml:" in shown.stdout
    docs = _run("docs")
    assert docs.exit_code == 0 and "](knowledge_base.md#" in docs.stdout and "`rules/coaching.yaml:" in docs.stdout
    assert "](../" not in docs.stdout
    assert _run("audit", "keygen", "audit.key").exit_code == 0
    recommend = _run("recommend", "--profile", str(ROOT / "examples" / "new-vp-wants-structure.yaml"),
                     "--record", "decision.json", env={"PATHFIT_AUDIT_KEY_FILE": "audit.key"})
    assert recommend.exit_code == 0, recommend.output
    report = _run("report", "decision.json", "--out", "decision.html", env={"PATHFIT_AUDIT_KEY_FILE": "audit.key"})
    assert report.exit_code == 0, report.output
    page = (tmp_path / "decision.html").read_text(encoding="utf-8")
    assert re.search(r"\((blend|coaching|formats|judgements|mentoring|readiness|referrals)\.yaml:\d+\)", page)
    for text in (shown.stdout, docs.stdout, page):
        assert install not in text and "site-packages" not in text and str(ROOT) not in text
