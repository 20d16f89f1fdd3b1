"""`recommend --format markdown` writes the advice as a heading, `# Recommendation: LABEL`. A
label or a referral's words ending in `#` after a space (`Plan #`, `Track ##`, or `#` alone)
made that `#` run the heading's closing sequence, which a Markdown viewer drops: the page
said "Recommendation: Plan" for the outcome its author called "Plan #". The run is escaped
now, so the heading renders as the label is written."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from pathfit.cli.main import cli

from .helpers import ROOT, bundled_copy

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")


def _title(tmp: Path, old: str, new: str, *args: str) -> str:
    rules = bundled_copy(tmp)
    policy = (rules / "policy.yaml").read_text()
    assert policy.count(old) == 1
    (rules / "policy.yaml").write_text(policy.replace(old, new))
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--format", "markdown", *args])
    assert result.exit_code == 0, result.output
    headings = re.findall(r"<h1>(.*?)</h1>", MarkdownIt("commonmark").render(result.stdout))
    assert len(headings) == 1, result.stdout
    return headings[0]


@pytest.mark.parametrize("label", ["Executive coaching #", "Executive coaching ##", "#", "Coaching \\#", "C # #"])
def test_an_outcome_label_ending_in_hashes_keeps_them(tmp_path: Path, label: str) -> None:
    quoted = '"' + label.replace("\\", "\\\\") + '"'
    title = _title(tmp_path, "    label: Executive coaching\n", f"    label: {quoted}\n", "--profile", EXAMPLE)
    assert title == "Recommendation: " + label


def test_a_referrals_words_ending_in_a_hash_keep_it(tmp_path: Path) -> None:
    title = _title(tmp_path, "    label: training in the basics first\n", '    label: "basics course #"\n',
                   "--fact", "needs=basic_skills")
    assert title.endswith(": basics course #"), title
