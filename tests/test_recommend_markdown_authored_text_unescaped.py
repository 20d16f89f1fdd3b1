"""`recommend --format markdown` writes authors' text (outcome labels, rule reasons, questions)
so the rendered page shows exactly that text, as `pathfit docs` does: no heading, list,
emphasis, link or HTML made from it. It was written raw, so a rule file's
`<img src=x onerror=...>` or `<script>` became markup in any viewer that renders HTML in
Markdown (CommonMark does), and a reason's line break could start a heading of its own."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from markdown_it import MarkdownIt

from pathfit.cli.main import cli

from .helpers import ROOT, bundled_copy

IMG = '<img src=x onerror="alert(1)">'
LABEL = f"Executive coaching {IMG} *now*"
REASON = "A specific goal suits coaching's agreed objectives. <script>alert(2)</script>\n\n## Injected heading\n- [x](javascript:alert(3))"
QUESTION = "Is the person's goal clear? <b>Say</b> [more](javascript:alert(4))"


def _quoted(key: str, text: str) -> str:
    return key + "'" + text.replace("'", "''") + "'\n"


def _markdown(tmp: Path, *facts: str) -> str:
    rules = bundled_copy(tmp)
    replace = {"policy.yaml": ("    label: Executive coaching\n", _quoted("    label: ", LABEL)),
               "coaching.yaml": ("    reason: A specific goal that can be measured within months suits coaching's agreed objectives.\n",
                                 "    reason: |-\n" + "".join(f"      {line}\n" if line else "\n" for line in REASON.split("\n"))),
               "schema.yaml": ("    question: How many hours a month can the person give, sessions and work between them included?\n",
                               _quoted("    question: ", QUESTION))}
    for name, (old, new) in replace.items():
        text = (rules / name).read_text()
        assert text.count(old) == 1, name
        (rules / name).write_text(text.replace(old, new))
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--format", "markdown", *facts])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_authored_text_in_markdown_renders_as_written_never_as_markup(tmp_path: Path) -> None:
    text = _markdown(tmp_path, "--profile", str(ROOT / "examples" / "new-vp-wants-structure.yaml"))
    html = MarkdownIt("commonmark").render(text)
    assert not re.search(r"<(script|img|b|a)\b", html), html
    assert "[kb#goal-setting, kb#choose-coaching, kb#what-is-needed] (+0.10)" in html
    assert not re.search(r'href="javascript', html)
    headings = re.findall(r"<h[1-6]>(.*?)</h[1-6]>", html)
    assert "Injected heading" not in " ".join(h for h in headings)
    assert headings[0] == "Recommendation: " + LABEL.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;").replace('"', "&quot;")
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_an_open_question_with_markup_is_shown_as_written(tmp_path: Path) -> None:
    text = _markdown(tmp_path, "--fact=goal_clarity=specific")
    html = MarkdownIt("commonmark").render(text)
    assert "&lt;b&gt;Say&lt;/b&gt; [more](javascript:alert(4))" in html
    assert not re.search(r'<(b|a)\b', html)
