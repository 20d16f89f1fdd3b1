"""`recommend --format markdown` writes a reason and an open question as a list item
(`- TEXT`), so authored text starting as a block does (`1. `, `2) `, `+ `, `- `, `# `)
would make a list or a heading inside the item, and `_word_` emphasis, were it not escaped. A
viewer shows each as written: the item holds exactly the text, with no nested list, heading or
emphasis of its own. The row's other tests try text starting with a letter, and `*` alone, so
an escaping that left `_` or a list's start as written passed them."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from pathfit.cli.main import cli

from .helpers import ROOT, bundled_copy

OLD_REASON = "    reason: A specific goal that can be measured within months suits coaching's agreed objectives.\n"
OLD_QUESTION = ("    question: How many hours a month can the person give, sessions and work between them "
                "included?\n")


def _rendered(tmp: Path, reason: str, question: str, *facts: str) -> str:
    rules = bundled_copy(tmp)
    for name, old, new in (("coaching.yaml", OLD_REASON, reason), ("schema.yaml", OLD_QUESTION, question)):
        text = (rules / name).read_text()
        assert text.count(old) == 1, name
        key = old.split(":")[0] + ": "
        (rules / name).write_text(text.replace(old, key + "'" + new.replace("'", "''") + "'\n"))
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--format", "markdown", *facts])
    assert result.exit_code == 0, result.output
    return MarkdownIt("commonmark").render(result.stdout)


@pytest.mark.parametrize("start", ["1. ", "2) ", "+ ", "- ", "# ", "10. "])
def test_a_reason_and_a_question_are_shown_as_written_whatever_they_start_with(tmp_path, start):
    reason = f"{start}A _specific_ goal suits coaching's agreed objectives."
    question = f"{start}How many hours a month, __roughly__?"
    page = _rendered(tmp_path, reason, question, "--profile", str(ROOT / "examples" / "new-vp-wants-structure.yaml"))
    assert f"<li>{html.escape(reason, quote=False)} [kb#goal-setting, kb#choose-coaching, kb#what-is-needed] " \
           "(+0.10)</li>" in page, page
    assert not re.search(r"<ol\b|<(em|strong)>(specific|roughly)|<h\d>[^<]*(specific|hours)", page), page
    assert not re.search(r"<li>\s*<(ul|ol|h\d)", page), page
    asked = _rendered(tmp_path / "asked", reason, question, "--fact=goal_clarity=specific")
    assert f"<li>{html.escape(question, quote=False)}</li>" in asked, asked
    assert not re.search(r"<ol\b|<(em|strong)>(specific|roughly)", asked), asked
    assert not re.search(r"<li>\s*<(ul|ol|h\d)", asked), asked
