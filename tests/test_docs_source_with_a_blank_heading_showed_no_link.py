"""A knowledge-base section whose heading has no words (`## <a id="x"></a>`) is a section a
rule may cite, and `pathfit docs` linked it by its title: `[](kb.md#x)`, a link with no text,
which a viewer draws as nothing, so the rule's **Sources** line showed no source at all. The
link now reads as the anchor (`kb#x`) where the heading gives no words."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def test_a_source_with_no_title_is_linked_by_its_anchor(tmp_path: Path):
    rules = tiny_copy(tmp_path, [{"id": "x.blank", "reason": "Cites a heading of no words.", "cites": ["blank", "focus"],
                                  "when": {"fact": "ready", "equals": True}, "then": {"evidence": {"coaching": 1}}}])
    with (rules / "kb.md").open("a") as kb:
        kb.write('## <a id="blank"></a>\nNo words in the heading.\n##  \t <a id="spaced"></a>\n')
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--kb-link", "kb.md"])
    assert result.exit_code == 0, result.output
    block = result.stdout.split("### `x.blank`", 1)[1].split("\n### ", 1)[0]
    sources = next(line for line in block.splitlines() if line.startswith("- **Sources** "))
    links = re.findall(r"\[([^\]]*)\]\(([^)]*)\)", sources)
    assert links == [("kb#blank", "kb.md#blank"), ("Focus", "kb.md#focus")]
    assert "[](" not in result.stdout
