"""A knowledge-base heading whose anchor is written so that it makes no section
(`<a id="x">` never closed, `<a id='x'></a>`, text after the anchor) used to vanish
without a word: a rule citing it got PF207 with no hint, and lint said nothing of
the heading. PF207 now names the heading's line, and lint warns of the heading
(PF717) at its `<a`, cited or not; a well-formed section is unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.lint.run import lint
from pathfit.engine.errors import Collector
from pathfit.engine.pipeline.knowledge_base import parse_sections

from .helpers import simple_rule, tiny_copy

BROKEN = [
    ('## Broken <a id="broken">', 11),  # never closed
    ("## Broken <a id='broken'></a>", 11),  # single quotes
    ('## Broken <a id="broken"></a> (draft)', 11),  # text after the anchor
    ('## Broken <a name="broken"></a>', 11),
    ('Broken <a id="broken">\n======', 8),  # an underlined heading
]


def _kb(rules: Path, heading: str) -> int:
    """Write the tiny rule set's knowledge base with `heading` added; -> the heading's line."""
    kb = rules / "kb.md"
    text = kb.read_text()
    kb.write_text(text + "\n" + heading + "\nText.\n")
    return text.count("\n") + 2


@pytest.mark.parametrize("heading,col", BROKEN, ids=[h for h, _ in BROKEN])
def test_citing_a_heading_whose_anchor_makes_no_section_is_pf207_naming_its_line(tmp_path: Path, heading, col):
    rules = tiny_copy(tmp_path, [dict(simple_rule("x.broken", {"fact": "ready", "equals": True}), cites=["broken"])])
    line = _kb(rules, heading)
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", "ready=true"])
    assert result.exit_code == 2, result.output
    errors = [ln for ln in result.output.splitlines() if ": PF" in ln]
    assert len(errors) == 1 and ": PF207: " in errors[0], result.output
    assert errors[0].startswith(f"{rules / 'extra.yaml'}:"), result.output
    assert f"line {line} of the knowledge base" in errors[0], result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("heading,col", BROKEN, ids=[h for h, _ in BROKEN])
def test_lint_warns_of_a_heading_whose_anchor_makes_no_section(tmp_path: Path, heading, col):
    rules = tiny_copy(tmp_path)
    line = _kb(rules, heading)
    found = [(p.code, p.severity, Path(p.pos.file).name, p.pos.line, p.pos.col)
             for p in lint(rules).problems if p.code == "PF717"]
    assert found == [("PF717", "warning", "kb.md", line, col)]


def test_a_well_formed_section_and_a_plain_heading_are_no_near_miss(tmp_path: Path):
    path = tmp_path / "kb.md"
    path.write_text('# KB\n## Good <a id="good"></a>\n## Plain heading\n## Code `<a` only\n')
    out = Collector()
    sections = parse_sections(path, "kb.md", out)
    assert not out.problems and list(sections) == ["good"] and sections.near == {}


def test_an_anchor_that_is_also_a_real_section_is_no_near_miss(tmp_path: Path):
    path = tmp_path / "kb.md"
    path.write_text('# KB\n## Good <a id="good"></a>\n## Again <a id="good">\n')
    sections = parse_sections(path, "kb.md", Collector())
    assert list(sections) == ["good"] and sections.near == {}


def test_a_knowledge_base_of_only_broken_anchors_says_where_one_is(tmp_path: Path):
    path = tmp_path / "kb.md"
    path.write_text('# KB\n\n## Broken <a id="broken">\n')
    out = Collector()
    parse_sections(path, "kb.md", out)
    assert [p.code for p in out.problems] == ["PF217"]
    assert "line 3 of the knowledge base" in out.problems[0].message
