"""Regression: the interview's `why` names the knowledge-base sections each rule cites by
title, and a section whose heading has no words (`## <a id="x"></a>`) was said as nothing:
"(knowledge base: ; Focus)". Such a section is said by its anchor, `kb#x`, as `pathfit docs`
links it."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def test_why_names_a_section_with_no_title_by_its_anchor(tmp_path):
    rules = tiny_copy(tmp_path, [{"id": "x.blank", "reason": "Cites a heading of no words.", "cites": ["blank", "focus"],
                                  "when": {"fact": "ready", "equals": True}, "then": {"evidence": {"coaching": 1}}}])
    with (rules / "kb.md").open("a") as kb:
        kb.write('## <a id="blank"></a>\nNo words in the heading.\n')
    (tmp_path / "person.yaml").write_text("goal: specific\nhours: 10\nneeds: [skill]\n")
    result = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--profile", str(tmp_path / "person.yaml")],
                                input="why\nquit\n")
    said = " ".join(result.output.split())
    assert "Ready to change?" in said and "Cites a heading of no words." in said, result.output
    assert "Cites a heading of no words. (knowledge base: kb#blank; Focus)" in said, result.output
