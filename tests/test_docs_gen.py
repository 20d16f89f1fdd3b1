"""`pathfit docs`: a golden catalogue for the tiny fixture, byte for byte, and
structural checks on the bundled rules' catalogue.

To regenerate the golden file after an intended change:

    PATHFIT_UPDATE_GOLDEN=1 /work/venv/bin/python -m pytest tests/test_docs_gen.py

then review `git diff tests/golden/docs/`.
"""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.catalogue import group_of, render, slug
from pathfit.engine.authoring.catalogue_graph import node_id
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import ROOT, tiny_copy

GOLDEN = Path(__file__).parent / "golden" / "docs" / "tiny.md"
UPDATE = os.environ.get("PATHFIT_UPDATE_GOLDEN") == "1"


def test_tiny_catalogue_matches_golden(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    (tmp_path / "docs").mkdir()
    out = tmp_path / "docs" / "rules.md"
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    actual = out.read_text(encoding="utf-8")
    if UPDATE and (not GOLDEN.exists() or GOLDEN.read_text(encoding="utf-8") != actual):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")  # then compared like any run, so it still must match
    expected = GOLDEN.read_text(encoding="utf-8")
    assert actual == expected, "".join(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True), "golden", "actual"))


@pytest.fixture(scope="module")
def bundled():
    rs = read_ruleset(ROOT / "rules")
    return rs, render(rs, "../knowledge_base.md")


def test_every_rule_is_listed_once_under_its_group(bundled):
    rs, text = bundled
    headings = re.findall(r"^### `([^`]+)`$", text, re.M)
    assert sorted(headings) == sorted(r.id for r in rs.rules)
    sections = re.split(r"^## ", text, flags=re.M)
    by_title = {s.split("\n", 1)[0]: s for s in sections}
    assert "`refer.counselling`" in by_title["Referrals"]
    assert "`not_now.not_ready`" in by_title["Not now"]
    assert "`blend.dual_need`" in by_title["Evidence for several outcomes"]
    assert "`format.low_budget`" in by_title["Formats"]
    assert "`judge.dual_need`" in by_title["Intermediate judgements"]
    assert {group_of(rs.rule("coaching.team")), group_of(rs.rule("mentoring.career_focus"))} == {("evidence", "coaching"), ("evidence", "mentoring")}


def test_links_reach_existing_knowledge_base_sections(bundled):
    rs, text = bundled
    kb = (ROOT / "knowledge_base.md").read_text()
    for anchor in set(re.findall(r"\]\(\.\./knowledge_base\.md#([^)]+)\)", text)):
        assert f'<a id="{anchor}"></a>' in kb
    for title, target in re.findall(r"^- \[([^\]]+)\]\(#([^)]+)\)", text, re.M):
        assert target == slug(title) and f"\n## {title}\n" in text


def test_conditions_in_plain_words(bundled):
    _, text = bundled
    block = text.split("### `mentoring.limited_time`", 1)[1].split("###", 1)[0]
    assert "- **When** all of:\n  - hours per month is at least **1**\n  - hours per month is less than **2**\n" in block
    block = text.split("### `judge.relationship_fit`", 1)[1].split("###", 1)[0]
    assert "  - not: the person wants a structured engagement with agreed objectives (`wants_structure`)" in block
    assert "- **Then** establishes `relationship_fit`" in block


def test_mermaid_graph_links_facts_rules_and_outcomes(bundled):
    rs, text = bundled
    graph = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert graph.startswith("flowchart LR\n")
    for rule in rs.rules:
        assert f'  {node_id("r", rule.id)}["{rule.id}"]\n' in graph
    assert "  f_goal__clarity --> r_mentoring_dloose__goals\n" in graph
    assert "  d_wants__structure -.-> r_judge_drelationship__fit\n" in graph  # needs it false
    assert "  r_judge_ddual__need --> d_dual__need\n" in graph
    assert "  r_refer_dcounselling --> or_counselling\n" in graph
    ids = re.findall(r"^  ([a-z]+_[A-Za-z0-9_]*)[\[\(\{]", graph, re.M)
    assert len(ids) == len(set(ids))
    for edge in re.findall(r"^  (\S+) -\.?->? (\S+)$", graph, re.M):
        assert set(edge) <= set(ids), edge


def test_cli_prints_or_writes(tmp_path: Path):
    printed = CliRunner().invoke(cli, ["docs", "--kb-link", "https://kb.example/kb.html"], catch_exceptions=False)
    assert printed.exit_code == 0 and "](https://kb.example/kb.html#refer-counselling)" in printed.stdout
    missing = CliRunner().invoke(cli, ["docs", "--out", str(tmp_path / "no" / "dir.md")])
    assert missing.exit_code == 2 and "PF618" in missing.stderr  # as every command's output in a missing folder
    broken = tiny_copy(tmp_path)
    (broken / "bad.yaml").write_text("rules: [{id: x}]\n")
    assert CliRunner().invoke(cli, ["docs", "--rules", str(broken)]).exit_code == 2
